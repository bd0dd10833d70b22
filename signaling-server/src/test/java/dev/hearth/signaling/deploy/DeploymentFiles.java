package dev.hearth.signaling.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files of infra/ as the deployment tests read them: YAML documents as plain maps and lists, and the
 * settings of infra/hearth.env.example, which every port in the deployment files must agree with.
 */
final class DeploymentFiles {

    static final Path INFRA = Path.of("..", "infra");
    static final Path K8S = INFRA.resolve("k8s");

    private static final Pattern ENV_LINE = Pattern.compile("^(#?)\\s*(HEARTH_[A-Z0-9_]+)=(.*)$");

    private DeploymentFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file, in order; merge keys ({@code <<: *anchor}) are resolved. */
    static List<Map<String, Object>> yamlDocuments(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(read(file))) {
            if (document != null) {
                documents.add(map(document, file.toString()));
            }
        }
        return documents;
    }

    static Map<String, Object> yaml(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " should hold one YAML document, holds " + documents.size());
        }
        return documents.get(0);
    }

    /** The Kubernetes manifests that kubectl apply -f infra/k8s/ would send, each with the file it came from. */
    static List<Manifest> manifests() {
        return manifestsIn("*.yaml");
    }

    /** The templates beside them (Secrets with placeholders), never applied as they are. */
    static List<Manifest> templates() {
        return manifestsIn("*.template");
    }

    private static List<Manifest> manifestsIn(String glob) {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            files.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName()))
                    .sorted()
                    .forEach(f -> yamlDocuments(f).forEach(d -> manifests.add(new Manifest(f, d))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    /**
     * The settings infra/hearth.env.example gives: its active lines, and for a variable only present commented
     * out, the default that line documents.
     */
    static Map<String, String> exampleSettings() {
        Map<String, String> active = new LinkedHashMap<>();
        Map<String, String> commented = new LinkedHashMap<>();
        for (String line : read(INFRA.resolve("hearth.env.example")).split("\n")) {
            Matcher m = ENV_LINE.matcher(line.strip());
            if (m.matches()) {
                (m.group(1).isEmpty() ? active : commented).putIfAbsent(m.group(2), m.group(3).strip());
            }
        }
        commented.forEach(active::putIfAbsent);
        return active;
    }

    static int examplePort(String name) {
        String value = exampleSettings().get(name);
        if (value == null) {
            throw new AssertionError(name + " is not in infra/hearth.env.example");
        }
        return Integer.parseInt(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new AssertionError(where + " should be a mapping, is " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String where) {
        if (!(value instanceof List)) {
            throw new AssertionError(where + " should be a list, is " + value);
        }
        return (List<Object>) value;
    }

    /** The value at a dotted path of nested mappings, or null where any step is missing. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(step);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object root, String path) {
        return map(at(root, path), path);
    }

    static List<Object> listAt(Object root, String path) {
        return list(at(root, path), path);
    }

    /** One Kubernetes object and the file it is in. */
    record Manifest(Path file, Map<String, Object> body) {

        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(at(body, "metadata.name"));
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file.getFileName() + ")";
        }
    }
}

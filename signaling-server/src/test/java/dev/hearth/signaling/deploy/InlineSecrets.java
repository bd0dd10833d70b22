package dev.hearth.signaling.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets written into deployment files instead of referenced: a password, secret, token or key given a
 * literal value. Such a value ends up in the repository, in {@code docker inspect} and in {@code kubectl get -o
 * yaml} for anyone who may read the Deployment; the files must name where the value comes from instead (an env
 * file, a Docker secret, a Kubernetes secretKeyRef).
 */
final class InlineSecrets {

    /** Environment-style names: HEARTH_MASTER_KEY, REDIS_PASSWORD, ... */
    private static final Pattern SECRET_ENV_NAME =
            Pattern.compile("^[A-Z][A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL)[A-Z0-9_]*$");
    /** Other keys (camelCase or lower case): requirepass, clientSecret, authToken. Not "key": topologyKey is none. */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(password|passwd|requirepass|secret|token).*");
    /** Schema fields whose value names a secret rather than holding one. */
    private static final Set<String> REFERENCE_FIELDS = Set.of("secretName", "serviceAccountName");
    /** A URL with a password in it: redis://user:password@host. */
    private static final Pattern URL_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@]*:([^@\\s/]+)@");
    /** What a template may hold where the secret goes: <REDIS_PASSWORD>. */
    static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z0-9_]+>");

    private InlineSecrets() {
    }

    /** Every literal secret in a YAML tree, each as "where: key". Placeholders count as literals here. */
    static List<String> in(Object tree, String where) {
        List<String> found = new ArrayList<>();
        walk(tree, where, found, false);
        return found;
    }

    /** The same for a template: a secret's place may hold a placeholder, and nothing else. */
    static List<String> inTemplate(Object tree, String where) {
        List<String> found = new ArrayList<>();
        walk(tree, where, found, true);
        return found;
    }

    private static void walk(Object node, String where, List<String> found, boolean placeholdersAllowed) {
        if (node instanceof Map<?, ?> map) {
            // A Kubernetes env entry: {name: HEARTH_MASTER_KEY, value: ...} holds its value inline.
            if (map.get("name") instanceof String name && map.containsKey("value") && isSecretName(name)) {
                check(where + "." + name, map.get("value"), found, placeholdersAllowed);
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                String here = where + "." + key;
                if (value instanceof String || value instanceof Number) {
                    if (isSecretName(key) && !REFERENCE_FIELDS.contains(key)) {
                        check(here, value, found, placeholdersAllowed);
                    } else {
                        checkUrl(here, (value instanceof String s) ? s : "", found, placeholdersAllowed);
                    }
                } else {
                    walk(value, here, found, placeholdersAllowed);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                // Compose's list form of environment: "HEARTH_MASTER_KEY=...".
                if (item instanceof String s && s.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    String name = s.substring(0, s.indexOf('='));
                    if (isSecretName(name)) {
                        check(where + "[" + i + "]." + name, s.substring(s.indexOf('=') + 1), found,
                                placeholdersAllowed);
                        continue;
                    }
                }
                if (item instanceof String s) {
                    checkUrl(where + "[" + i + "]", s, found, placeholdersAllowed);
                } else {
                    walk(item, where + "[" + i + "]", found, placeholdersAllowed);
                }
            }
        }
    }

    static boolean isSecretName(String key) {
        return SECRET_ENV_NAME.matcher(key).matches() || SECRET_FIELD.matcher(key).matches();
    }

    /** A value that is only an interpolation from elsewhere ({@code ${VAR}}) is a reference, not a literal. */
    private static void check(String where, Object value, List<String> found, boolean placeholdersAllowed) {
        String text = String.valueOf(value).strip();
        if (text.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
            return;
        }
        if (placeholdersAllowed && onlyPlaceholders(text)) {
            return;
        }
        found.add(where + (text.isEmpty() ? " (empty literal)" : ""));
    }

    private static void checkUrl(String where, String value, List<String> found, boolean placeholdersAllowed) {
        Matcher m = URL_PASSWORD.matcher(value);
        while (m.find()) {
            String password = m.group(1);
            boolean placeholder = PLACEHOLDER.matcher(password).matches();
            if (!(placeholdersAllowed && placeholder) && !password.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
                found.add(where + " (password in a URL)");
            }
        }
    }

    /** The secret parts of the value are placeholders; what is around them (redis://hearth:...@redis) is not secret. */
    static boolean onlyPlaceholders(String text) {
        if (!PLACEHOLDER.matcher(text).find()) {
            return false;
        }
        Matcher url = URL_PASSWORD.matcher(text);
        while (url.find()) {
            if (!PLACEHOLDER.matcher(url.group(1)).matches()) {
                return false;
            }
        }
        return true;
    }
}

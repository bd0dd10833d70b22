package dev.hearth.signaling.deploy;

import static dev.hearth.signaling.deploy.DeploymentFiles.at;
import static dev.hearth.signaling.deploy.DeploymentFiles.list;
import static dev.hearth.signaling.deploy.DeploymentFiles.listAt;
import static dev.hearth.signaling.deploy.DeploymentFiles.map;
import static dev.hearth.signaling.deploy.DeploymentFiles.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/compose.yaml: Redis, coturn, two Hearth nodes and nginx on one Docker host. Its ports agree with the
 * settings (hearth.env.example, and a node's own environment where it differs), and nothing secret is in it.
 */
class ComposeFileTest {

    private static final Pattern PORT = Pattern.compile("^(\\d+):(\\d+)/(udp|tcp)$");
    /** The nodes' image, built from infra/Dockerfile. */
    private static final String NODE_IMAGE = "hearth-server";

    private final Map<String, Object> compose = DeploymentFiles.yaml(DeploymentFiles.INFRA.resolve("compose.yaml"));
    private final Map<String, Object> services = mapAt(compose, "services");

    @Test
    void atLeastTwoNodesEachPublishingItsOwnMediaPortsUnchanged() {
        Map<String, Map<String, Object>> nodes = nodes();
        assertThat(nodes).as("Hearth nodes").hasSizeGreaterThanOrEqualTo(2);
        Set<String> published = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> node : nodes.entrySet()) {
            Map<String, String> settings = settings(node.getValue());
            int media = Integer.parseInt(settings.get("HEARTH_MEDIA_PORT"));
            int mediaTcp = Integer.parseInt(settings.get("HEARTH_MEDIA_TCP_PORT"));
            // One UDP port per packet loop, from HEARTH_MEDIA_PORT on: the relay advertises its room's loop's port.
            int loops = Integer.parseInt(settings.get("HEARTH_MEDIA_THREADS"));
            List<String> expected = new ArrayList<>(List.of(mediaTcp + "/tcp"));
            for (int loop = 0; loop < loops; loop++) {
                expected.add(media + loop + "/udp");
            }
            List<String> ports = new ArrayList<>();
            for (Object entry : list(node.getValue().get("ports"), node.getKey() + ".ports")) {
                Matcher m = PORT.matcher(String.valueOf(entry));
                assertThat(m.matches()).as("%s port %s is HOST:CONTAINER/proto", node.getKey(), entry).isTrue();
                // The relay advertises its own port in its candidates: a different outside port breaks ICE.
                assertThat(m.group(1)).as("%s publishes %s under another number", node.getKey(), entry)
                        .isEqualTo(m.group(2));
                ports.add(m.group(2) + "/" + m.group(3));
                assertThat(published.add(m.group(1) + "/" + m.group(3)))
                        .as("host port %s published twice", entry).isTrue();
            }
            // HTTP goes through nginx only; media ports are exactly those of the node's settings.
            assertThat(ports).as("%s's published ports", node.getKey()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(settings.get("HEARTH_HTTP_PORT")).as("%s HEARTH_HTTP_PORT", node.getKey())
                    .isEqualTo(String.valueOf(DeploymentFiles.examplePort("HEARTH_HTTP_PORT")));
        }
        assertThat(nodes.values()).as("a node on hearth.env.example's media ports").anySatisfy(n -> {
            assertThat(settings(n).get("HEARTH_MEDIA_PORT"))
                    .isEqualTo(String.valueOf(DeploymentFiles.examplePort("HEARTH_MEDIA_PORT")));
            assertThat(settings(n).get("HEARTH_MEDIA_TCP_PORT"))
                    .isEqualTo(String.valueOf(DeploymentFiles.examplePort("HEARTH_MEDIA_TCP_PORT")));
        });
    }

    @Test
    void nginxProxiesToEveryNodeOnItsHttpPortAndIsTheOnlyTrustedProxy() {
        NginxConf nginx = NginxConf.parse(DeploymentFiles.read(DeploymentFiles.INFRA.resolve("nginx.conf")));
        List<String> upstream = nginx.only("http").only("upstream").children("server").stream()
                .map(s -> s.arg(0)).toList();
        List<String> expected = new ArrayList<>();
        nodes().forEach((name, node) -> expected.add(name + ":" + settings(node).get("HEARTH_HTTP_PORT")));
        assertThat(upstream).containsExactlyInAnyOrderElementsOf(expected);

        Map<String, Object> proxy = map(services.get("nginx"), "services.nginx");
        assertThat(list(proxy.get("volumes"), "nginx.volumes")).contains("./nginx.conf:/etc/nginx/nginx.conf:ro");
        assertThat(list(proxy.get("ports"), "nginx.ports")).contains("443:443/tcp");
        Object address = at(proxy, "networks.backend.ipv4_address");
        assertThat(address).as("nginx's fixed address").isNotNull();
        nodes().forEach((name, node) -> assertThat(settings(node).get("HEARTH_TRUSTED_PROXIES"))
                .as("%s HEARTH_TRUSTED_PROXIES", name).isEqualTo(address));
        String ipRange = String.valueOf(at(listAt(compose, "networks.backend.ipam.config").get(0), "ip_range"));
        assertThat(inRange(String.valueOf(address), ipRange))
                .as("nginx's %s lies outside the range Docker hands out (%s)", address, ipRange).isFalse();
    }

    @Test
    void nodesAreBuiltFromTheDockerfileAndHardened() {
        nodes().forEach((name, node) -> {
            assertThat(at(node, "build.dockerfile")).as("%s build", name).isEqualTo("infra/Dockerfile");
            assertThat(Files.exists(DeploymentFiles.INFRA.resolve("Dockerfile"))).isTrue();
            assertThat(node.get("read_only")).as("%s read_only", name).isEqualTo(true);
            assertThat(list(node.get("cap_drop"), name + ".cap_drop")).contains("ALL");
            assertThat(list(node.get("security_opt"), name + ".security_opt")).contains("no-new-privileges:true");
            assertThat(list(node.get("env_file"), name + ".env_file")).as("secrets come from an env file")
                    .isNotEmpty();
            assertThat(at(node, "depends_on.redis.condition")).isEqualTo("service_healthy");
            assertThat(NginxConfTest.seconds(String.valueOf(node.get("stop_grace_period"))))
                    .as("%s stop_grace_period outlasts Spring Boot's 30 s graceful shutdown", name)
                    .isGreaterThanOrEqualTo(KubernetesManifestsTest.SPRING_SHUTDOWN_SECONDS + 10);
            assertThat(String.valueOf(list(node.get("volumes"), name + ".volumes").get(0)))
                    .as("%s's data volume", name).endsWith(":" + settings(node).get("HEARTH_DATA_DIR"));
        });
    }

    @Test
    void redisKeepsAnAppendOnlyFileAndTakesItsUsersFromASecretFile() {
        Map<String, Object> redis = map(services.get("redis"), "services.redis");
        assertThat(redis).as("Redis is configured by its file and secret, not by environment")
                .doesNotContainKey("environment");
        String command = String.join(" ", list(redis.get("command"), "redis.command").stream().map(String::valueOf)
                .toList());
        assertThat(command).doesNotContain("requirepass", "--user", "--aclfile");
        assertThat(list(redis.get("volumes"), "redis.volumes"))
                .contains("./redis.conf:/usr/local/etc/redis/redis.conf:ro");
        assertThat(command).contains("/usr/local/etc/redis/redis.conf");
        List<String> conf = KubernetesManifestsTest.directives(
                DeploymentFiles.read(DeploymentFiles.INFRA.resolve("redis.conf")));
        assertThat(conf).contains("appendonly yes").noneMatch(l -> l.startsWith("requirepass"));
        List<Object> secrets = list(redis.get("secrets"), "redis.secrets");
        assertThat(secrets).hasSize(1);
        String secret = String.valueOf(secrets.get(0));
        assertThat(conf).contains("aclfile /run/secrets/" + secret);
        assertThat(at(compose, "secrets." + secret + ".file")).as("the ACL file is a secret file").isNotNull();
        assertThat(redis).doesNotContainKey("ports");
        KubernetesManifestsTest.assertAclHoldsOnlyHashes(
                DeploymentFiles.read(DeploymentFiles.INFRA.resolve("secrets/redis-users.acl.example")));
    }

    @Test
    void coturnRunsWithTheTurnServerConf() {
        Map<String, Object> coturn = map(services.get("coturn"), "services.coturn");
        assertThat(list(coturn.get("volumes"), "coturn.volumes")).contains("./turnserver.conf:/etc/coturn/turnserver.conf:ro");
        assertThat(list(coturn.get("command"), "coturn.command")).containsSequence("-c", "/etc/coturn/turnserver.conf");
        assertThat(Files.exists(DeploymentFiles.INFRA.resolve("turnserver.conf"))).isTrue();
    }

    @Test
    void noSecretIsWrittenIntoTheFile() {
        assertThat(InlineSecrets.in(compose, "compose.yaml")).isEmpty();
        nodes().forEach((name, node) -> assertThat(environment(node).keySet())
                .as("%s: secrets belong in hearth.env", name).noneMatch(InlineSecrets::isSecretName));
        String gitignore = DeploymentFiles.read(DeploymentFiles.INFRA.resolve(".gitignore"));
        nodes().forEach((name, node) -> list(node.get("env_file"), name).forEach(f ->
                assertThat(gitignore.lines()).as("%s is kept out of git", f).contains(String.valueOf(f))));
        assertThat(gitignore.lines()).contains("secrets/*", "!secrets/*.example");
    }

    /** The Hearth services: those running the image built from infra/Dockerfile. */
    private Map<String, Map<String, Object>> nodes() {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            Map<String, Object> s = map(service, "services." + name);
            if (NODE_IMAGE.equals(s.get("image"))) {
                nodes.put(name, s);
            }
        });
        return nodes;
    }

    /** What the node runs with: hearth.env.example's values under the node's own environment. */
    private static Map<String, String> settings(Map<String, Object> node) {
        Map<String, String> settings = new LinkedHashMap<>(DeploymentFiles.exampleSettings());
        settings.putAll(environment(node));
        return settings;
    }

    private static Map<String, String> environment(Map<String, Object> node) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = node.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (raw instanceof List<?> l) {
            l.forEach(item -> {
                String s = String.valueOf(item);
                env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            });
        }
        return env;
    }

    private static boolean inRange(String address, String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String octet : dotted.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}

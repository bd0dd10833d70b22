package dev.hearth.signaling.deploy;

import static dev.hearth.signaling.deploy.DeploymentFiles.at;
import static dev.hearth.signaling.deploy.DeploymentFiles.list;
import static dev.hearth.signaling.deploy.DeploymentFiles.listAt;
import static dev.hearth.signaling.deploy.DeploymentFiles.map;
import static dev.hearth.signaling.deploy.DeploymentFiles.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.deploy.DeploymentFiles.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * infra/k8s/: the Hearth Deployment, its Service, Ingress, PodDisruptionBudget and NetworkPolicies, Redis, and
 * the Secret template. Each is parsed and held to what the server needs and what its settings say.
 */
class KubernetesManifestsTest {

    /** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase, within which the server shuts down. */
    static final int SPRING_SHUTDOWN_SECONDS = 30;
    private static final Path APPLICATION_PROPERTIES =
            Path.of("src", "main", "resources", "application.properties");
    /**
     * Cluster settings whose names are in the manifests before they are in HearthSettings.NAMES (the cluster
     * branch adds them). Remove each once HearthSettings knows it.
     */
    private static final String HEARTH = "hearth";
    private static final String REDIS = "redis";

    private final List<Manifest> manifests = DeploymentFiles.manifests();
    private final List<Manifest> templates = DeploymentFiles.templates();

    @Test
    void theDeploymentRunsAtLeastTwoNodesOnThePortsOfTheSettings() {
        Map<String, Object> deployment = one("Deployment", HEARTH).body();
        assertThat((Integer) at(deployment, "spec.replicas")).as("replicas").isGreaterThanOrEqualTo(2);
        Map<String, Object> container = hearthContainer();
        Map<String, String> env = literalEnv(container);
        for (String setting : List.of("HEARTH_HTTP_PORT", "HEARTH_MEDIA_PORT", "HEARTH_MEDIA_TCP_PORT")) {
            assertThat(env.get(setting)).as(setting)
                    .isEqualTo(String.valueOf(DeploymentFiles.examplePort(setting)));
        }
        Map<String, Map<String, Object>> ports = ports(container);
        // One UDP port per packet loop, from HEARTH_MEDIA_PORT on: the relay advertises its room's loop's port.
        int loops = Integer.parseInt(env.get("HEARTH_MEDIA_THREADS"));
        List<String> portNames = new ArrayList<>(List.of("http", "media-tcp"));
        for (int loop = 0; loop < loops; loop++) {
            portNames.add("media-udp-" + loop);
            assertPort(ports.get("media-udp-" + loop),
                    String.valueOf(Integer.parseInt(env.get("HEARTH_MEDIA_PORT")) + loop), "UDP");
        }
        assertThat(ports.keySet()).containsExactlyInAnyOrderElementsOf(portNames);
        assertPort(ports.get("http"), env.get("HEARTH_HTTP_PORT"), "TCP");
        assertThat(ports.get("http")).as("HTTP is reached through the Service, never on the node")
                .doesNotContainKey("hostPort");
        assertPort(ports.get("media-tcp"), env.get("HEARTH_MEDIA_TCP_PORT"), "TCP");
        for (String media : portNames.subList(1, portNames.size())) {
            // The relay advertises its own port with the node's address: the host port must be the same number.
            assertThat(ports.get(media).get("hostPort")).as("%s hostPort", media)
                    .isEqualTo(ports.get(media).get("containerPort"));
        }
        assertThat(at(envEntry(container, "HEARTH_PUBLIC_IP"), "valueFrom.fieldRef.fieldPath"))
                .as("the relay advertises the node's address, where the host ports are").isEqualTo("status.hostIP");
        // Host ports allow one pod per node; the anti-affinity makes it explicit and the data layout relies on it.
        Map<String, Object> term = map(listAt(deployment,
                "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution").get(0),
                "anti-affinity");
        assertThat(term.get("topologyKey")).isEqualTo("kubernetes.io/hostname");
        assertThat(at(term, "labelSelector.matchLabels")).isEqualTo(podLabels("Deployment", HEARTH));
        Set<String> known = new HashSet<>(HearthSettings.NAMES);
        List<String> names = new ArrayList<>();
        listAt(container, "env").forEach(e -> names.add(String.valueOf(at(e, "name"))));
        names.addAll(mapAt(one("ConfigMap", "hearth-config").body(), "data").keySet());
        assertThat(names.stream().filter(n -> n.startsWith("HEARTH_")))
                .as("settings Hearth reads (HearthSettings.NAMES)").allMatch(known::contains);
    }

    @Test
    void probesAskHealthzOnTheHttpPort() {
        Map<String, Object> container = hearthContainer();
        Object httpPort = ports(container).get("http").get("containerPort");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> get = mapAt(container, probe + ".httpGet");
            assertThat(get.get("path")).as(probe).isEqualTo("/healthz");
            Object port = get.get("port");
            assertThat(port instanceof String name ? ports(container).get(name).get("containerPort") : port)
                    .as("%s port", probe).isEqualTo(httpPort);
        }
        Map<String, Object> redis = container("StatefulSet", REDIS);
        assertThat(redis).containsKeys("readinessProbe", "livenessProbe");
    }

    @Test
    void secretsComeOnlyFromSecretKeyRefsToTheTemplatesKeys() {
        for (Manifest manifest : manifests) {
            assertThat(manifest.kind()).as("%s: Secrets live only in the template", manifest).isNotEqualTo("Secret");
            assertThat(InlineSecrets.in(manifest.body(), manifest.toString())).as("inline secrets").isEmpty();
        }
        Map<String, Set<String>> templateKeys = new LinkedHashMap<>();
        for (Manifest template : templates) {
            assertThat(template.kind()).isEqualTo("Secret");
            assertThat(template.body()).as("%s: base64 data would hide what it holds", template)
                    .doesNotContainKey("data");
            Map<String, Object> data = mapAt(template.body(), "stringData");
            data.forEach((key, value) -> assertThat(InlineSecrets.onlyPlaceholders(String.valueOf(value)))
                    .as("%s %s is a <PLACEHOLDER>", template, key).isTrue());
            assertThat(InlineSecrets.inTemplate(template.body(), template.toString())).isEmpty();
            templateKeys.put(template.name(), data.keySet());
        }
        Map<String, Object> container = hearthContainer();
        List<Object> env = listAt(container, "env");
        for (Object entry : env) {
            String name = String.valueOf(at(entry, "name"));
            Object ref = at(entry, "valueFrom.secretKeyRef");
            if (InlineSecrets.isSecretName(name) || name.equals("HEARTH_REDIS_URL")) {
                assertThat(ref).as("%s comes from a secretKeyRef", name).isNotNull();
            }
            if (ref != null) {
                assertThat(templateKeys.get(String.valueOf(at(ref, "name"))))
                        .as("Secret %s in the template", at(ref, "name")).isNotNull()
                        .contains(String.valueOf(at(ref, "key")));
            }
        }
        for (String required : List.of("HEARTH_REDIS_URL", "HEARTH_NODE_SECRET", "HEARTH_MASTER_KEY")) {
            assertThat(at(envEntry(container, required), "valueFrom.secretKeyRef.optional"))
                    .as("%s is required", required).isNotEqualTo(true);
        }
        assertThat(listAt(container, "envFrom")).allSatisfy(from -> assertThat(map(from, "envFrom"))
                .as("envFrom only of ConfigMaps").containsOnlyKeys("configMapRef"));
        for (Manifest manifest : manifests) {
            for (Object volume : volumes(manifest)) {
                Object secretName = at(volume, "secret.secretName");
                if (secretName != null) {
                    assertThat(templateKeys).as("%s mounts Secret %s", manifest, secretName)
                            .containsKey(String.valueOf(secretName));
                }
            }
        }
        String ingressSecret = String.valueOf(at(listAt(one("Ingress", HEARTH).body(), "spec.tls").get(0),
                "secretName"));
        assertThat(templateKeys).containsKey(ingressSecret);
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithResources() {
        for (Manifest workload : workloads()) {
            Map<String, Object> pod = mapAt(workload.body(), "spec.template.spec");
            assertThat(at(pod, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", workload).isEqualTo(true);
            assertThat((Integer) at(pod, "securityContext.runAsUser")).as("%s runAsUser", workload).isPositive();
            assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as("%s needs no API token", workload)
                    .isEqualTo(false);
            assertThat(pod).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
            for (Object c : list(pod.get("containers"), workload + " containers")) {
                assertThat(at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(at(c, "securityContext.readOnlyRootFilesystem")).as("%s read-only root", workload)
                        .isEqualTo(true);
                assertThat(list(at(c, "securityContext.capabilities.drop"), "drop")).contains("ALL");
                assertThat(at(c, "securityContext.privileged")).isNotEqualTo(true);
                assertThat(mapAt(c, "resources.requests")).as("%s requests", workload).containsKeys("cpu", "memory");
                assertThat(mapAt(c, "resources.limits")).as("%s limits", workload).containsKey("memory");
            }
        }
    }

    @Test
    void theDisruptionBudgetKeepsANodeOfTheDeploymentsPods() {
        Map<String, Object> pdb = one("PodDisruptionBudget", HEARTH).body();
        assertThat((Integer) at(pdb, "spec.minAvailable")).isGreaterThanOrEqualTo(1);
        Map<String, Object> deployment = one("Deployment", HEARTH).body();
        assertThat(at(pdb, "spec.selector")).isEqualTo(at(deployment, "spec.selector"));
        assertThat(podLabels("Deployment", HEARTH))
                .containsAllEntriesOf(map(at(deployment, "spec.selector.matchLabels"), "selector"));
        assertThat((Integer) at(pdb, "spec.minAvailable"))
                .as("a budget as large as replicas blocks every drain")
                .isLessThan((Integer) at(deployment, "spec.replicas"));
    }

    @Test
    void servicesAndIngressReachThePodsTheyServe() {
        Map<String, Object> service = one("Service", HEARTH).body();
        assertThat(podLabels("Deployment", HEARTH)).containsAllEntriesOf(mapAt(service, "spec.selector"));
        assertThat(at(service, "spec.sessionAffinity")).as("any node serves any socket").isIn(null, "None");
        Map<String, Object> port = map(listAt(service, "spec.ports").get(0), "service port");
        assertThat(resolve(hearthContainer(), port.get("targetPort")))
                .isEqualTo(DeploymentFiles.examplePort("HEARTH_HTTP_PORT"));
        assertThat(listAt(service, "spec.ports")).as("media does not pass through the Service").hasSize(1);

        Map<String, Object> ingress = one("Ingress", HEARTH).body();
        assertThat(listAt(ingress, "spec.tls")).isNotEmpty();
        Map<String, Object> backend = mapAt(listAt(map(listAt(ingress, "spec.rules").get(0), "rule"),
                "http.paths").get(0), "backend.service");
        assertThat(backend.get("name")).isEqualTo(HEARTH);
        assertThat(at(backend, "port.name")).isEqualTo(port.get("name"));
        Map<String, Object> annotations = mapAt(ingress, "metadata.annotations");
        assertThat(annotations.keySet()).as("no stickiness").noneMatch(k -> k.contains("affinity"));
        assertThat(annotations.get("nginx.ingress.kubernetes.io/enable-access-log"))
                .as("the controller's access log records /join/<token>").isEqualTo("false");
        assertThat(Integer.parseInt(String.valueOf(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))))
                .as("WebSocket read timeout").isGreaterThan(NginxConfTest.SOCKET_IDLE_SECONDS);

        Map<String, Object> redisService = one("Service", REDIS).body();
        assertThat(podLabels("StatefulSet", REDIS)).containsAllEntriesOf(mapAt(redisService, "spec.selector"));
        Object redisTarget = at(listAt(redisService, "spec.ports").get(0), "targetPort");
        assertThat(resolve(container("StatefulSet", REDIS), redisTarget)).isEqualTo(6379);
    }

    @Test
    void networkPoliciesAdmitOnlyWhatEachSideNeeds() {
        Manifest deny = manifests.stream().filter(m -> m.kind().equals("NetworkPolicy")
                && mapAt(m.body(), "spec.podSelector").isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy"));
        assertThat(listAt(deny.body(), "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.body().get("spec")).isEqualTo(Map.of("podSelector", Map.of(),
                "policyTypes", List.of("Ingress", "Egress")));

        Map<String, Object> hearth = policyFor(podLabels("Deployment", HEARTH));
        int http = DeploymentFiles.examplePort("HEARTH_HTTP_PORT");
        Set<String> media = new HashSet<>(Set.of(DeploymentFiles.examplePort("HEARTH_MEDIA_TCP_PORT") + "/TCP"));
        int loops = Integer.parseInt(literalEnv(hearthContainer()).get("HEARTH_MEDIA_THREADS"));
        for (int loop = 0; loop < loops; loop++) {
            media.add(DeploymentFiles.examplePort("HEARTH_MEDIA_PORT") + loop + "/UDP");
        }
        Set<String> admitted = new HashSet<>();
        for (Object rule : listAt(hearth, "spec.ingress")) {
            Set<String> rulePorts = rulePorts(rule);
            assertThat(rulePorts).as("every ingress rule names its ports").isNotEmpty();
            List<Object> from = listAt(rule, "from");
            boolean fromWorld = from.stream().anyMatch(f -> map(f, "from").containsKey("ipBlock"));
            if (rulePorts.contains(http + "/TCP")) {
                assertThat(rulePorts).containsExactly(http + "/TCP");
                assertThat(from).as("HTTP only from the ingress controller").allSatisfy(f -> {
                    assertThat(map(f, "from")).containsOnlyKeys("namespaceSelector", "podSelector");
                    assertThat(at(f, "podSelector.matchLabels")).isNotNull();
                });
            } else {
                assertThat(fromWorld).as("the world reaches media").isTrue();
                assertThat(rulePorts).isSubsetOf(media);
            }
            admitted.addAll(rulePorts);
        }
        Set<String> expected = new HashSet<>(media);
        expected.add(http + "/TCP");
        assertThat(admitted).isEqualTo(expected);
        Map<String, Object> redisLabels = podLabels("StatefulSet", REDIS);
        assertThat(listAt(hearth, "spec.egress")).as("Hearth reaches Redis").anySatisfy(rule -> {
            assertThat(rulePorts(rule)).containsExactly("6379/TCP");
            assertThat(listAt(rule, "to")).allSatisfy(to -> assertThat(redisLabels)
                    .containsAllEntriesOf(map(at(to, "podSelector.matchLabels"), "to")));
        });
        assertThat(listAt(hearth, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");

        Map<String, Object> redis = policyFor(redisLabels);
        List<Object> redisIngress = listAt(redis, "spec.ingress");
        assertThat(redisIngress).hasSize(1);
        assertThat(rulePorts(redisIngress.get(0))).containsExactly("6379/TCP");
        assertThat(listAt(redisIngress.get(0), "from")).as("Redis accepts only Hearth").allSatisfy(f -> {
            assertThat(map(f, "from")).containsOnlyKeys("podSelector");
            assertThat(podLabels("Deployment", HEARTH))
                    .containsAllEntriesOf(map(at(f, "podSelector.matchLabels"), "from"));
        });
        assertThat(listAt(redis, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(listAt(redis, "spec.egress")).as("Redis calls nobody").isEmpty();
    }

    @Test
    void shutdownOutlastsThePreStopPauseAndTheServersGracefulShutdown() {
        Map<String, Object> pod = mapAt(one("Deployment", HEARTH).body(), "spec.template.spec");
        List<Object> preStop = listAt(hearthContainer(), "lifecycle.preStop.exec.command");
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        int pause = Integer.parseInt(String.valueOf(preStop.get(1)));
        assertThat(pause).as("time for the endpoints to drop the pod before SIGTERM").isBetween(5, 20);
        String properties = DeploymentFiles.read(APPLICATION_PROPERTIES);
        assertThat(directives(properties)).as("Spring Boot's graceful shutdown stays on")
                .noneMatch(l -> l.replace(" ", "").equals("server.shutdown=immediate"))
                .noneMatch(l -> l.startsWith("spring.lifecycle.timeout-per-shutdown-phase"));
        assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
                .as("terminationGracePeriodSeconds").isGreaterThanOrEqualTo(pause + SPRING_SHUTDOWN_SECONDS + 10);
    }

    @Test
    void redisKeepsAnAppendOnlyFileAndItsUsersInASecret() {
        String conf = String.valueOf(mapAt(one("ConfigMap", "redis-config").body(), "data").get("redis.conf"));
        List<String> k8s = directives(conf);
        List<String> compose = directives(DeploymentFiles.read(DeploymentFiles.INFRA.resolve("redis.conf")));
        assertThat(k8s).as("same settings as infra/redis.conf but the ACL file's place")
                .filteredOn(l -> !l.startsWith("aclfile "))
                .containsExactlyInAnyOrderElementsOf(compose.stream().filter(l -> !l.startsWith("aclfile ")).toList());
        assertThat(k8s).contains("appendonly yes").noneMatch(l -> l.startsWith("requirepass"));
        String aclFile = k8s.stream().filter(l -> l.startsWith("aclfile ")).findFirst()
                .orElseThrow(() -> new AssertionError("no aclfile")).substring("aclfile ".length());
        Map<String, Object> container = container("StatefulSet", REDIS);
        Manifest statefulSet = one("StatefulSet", REDIS);
        Map<String, String> secretVolumes = new LinkedHashMap<>();
        for (Object volume : volumes(statefulSet)) {
            if (at(volume, "secret.secretName") != null) {
                secretVolumes.put(String.valueOf(at(volume, "name")), String.valueOf(at(volume, "secret.secretName")));
            }
        }
        Object mount = listAt(container, "volumeMounts").stream()
                .filter(m -> secretVolumes.containsKey(String.valueOf(at(m, "name")))).findFirst()
                .orElseThrow(() -> new AssertionError("Redis mounts no Secret"));
        String mountPath = String.valueOf(at(mount, "mountPath"));
        assertThat(aclFile).startsWith(mountPath + "/");
        String secretName = secretVolumes.get(String.valueOf(at(mount, "name")));
        Manifest secret = templates.stream().filter(t -> t.name().equals(secretName)).findFirst().orElseThrow();
        String key = aclFile.substring(mountPath.length() + 1);
        assertAclHoldsOnlyHashes(String.valueOf(mapAt(secret.body(), "stringData").get(key)));
        assertThat(at(map(listAt(statefulSet.body(), "spec.volumeClaimTemplates").get(0), "claim"),
                "metadata.name")).as("/data is on a persistent volume").isEqualTo(listAt(container, "volumeMounts")
                .stream().filter(m -> "/data".equals(at(m, "mountPath"))).map(m -> at(m, "name")).findFirst()
                .orElse(null));
    }

    /** An ACL file whose users carry password hashes (#...), never a clear password (>...), default user off. */
    static void assertAclHoldsOnlyHashes(String acl) {
        List<String> lines = directives(acl);
        assertThat(lines).contains("user default off");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line).startsWith("user ");
            for (String rule : line.split("\\s+")) {
                assertThat(rule).as("a clear password in the ACL").doesNotStartWith(">");
                assertThat(rule).isNotEqualTo("nopass");
                if (rule.startsWith("#")) {
                    assertThat(rule.substring(1)).as("a password hash placeholder").matches("<[A-Z0-9_]+>");
                }
            }
        });
        assertThat(lines).anyMatch(l -> l.startsWith("user hearth on #"));
    }

    /** The lines of a config file that say something: no blanks, no comments. */
    static List<String> directives(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private Map<String, Object> policyFor(Map<String, Object> podLabels) {
        List<Manifest> policies = manifests.stream().filter(m -> m.kind().equals("NetworkPolicy")
                && !mapAt(m.body(), "spec.podSelector").isEmpty()
                && podLabels.entrySet().containsAll(mapAt(m.body(), "spec.podSelector.matchLabels").entrySet()))
                .toList();
        assertThat(policies).as("NetworkPolicies selecting %s", podLabels).hasSize(1);
        return policies.get(0).body();
    }

    private static Set<String> rulePorts(Object rule) {
        Set<String> ports = new HashSet<>();
        Object raw = at(rule, "ports");
        if (raw != null) {
            list(raw, "ports").forEach(p -> ports.add(at(p, "port") + "/" + at(p, "protocol")));
        }
        return ports;
    }

    private List<Manifest> workloads() {
        List<Manifest> workloads = manifests.stream()
                .filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet")).toList();
        assertThat(workloads).hasSizeGreaterThanOrEqualTo(2);
        return workloads;
    }

    private static List<Object> volumes(Manifest manifest) {
        Object volumes = at(manifest.body(), "spec.template.spec.volumes");
        return volumes == null ? List.of() : list(volumes, "volumes");
    }

    private Manifest one(String kind, String name) {
        List<Manifest> found = manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .toList();
        assertThat(found).as("%s/%s in infra/k8s", kind, name).hasSize(1);
        return found.get(0);
    }

    private Map<String, Object> podLabels(String kind, String name) {
        return mapAt(one(kind, name).body(), "spec.template.metadata.labels");
    }

    private Map<String, Object> hearthContainer() {
        return container("Deployment", HEARTH);
    }

    private Map<String, Object> container(String kind, String name) {
        List<Object> containers = listAt(one(kind, name).body(), "spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0), kind + " container");
    }

    private static Map<String, Map<String, Object>> ports(Map<String, Object> container) {
        Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
        listAt(container, "ports").forEach(p -> ports.put(String.valueOf(at(p, "name")), map(p, "port")));
        return ports;
    }

    private static int resolve(Map<String, Object> container, Object port) {
        return (Integer) (port instanceof String name ? ports(container).get(name).get("containerPort") : port);
    }

    private static void assertPort(Map<String, Object> port, String setting, String protocol) {
        assertThat(port).as("port for %s/%s", setting, protocol).isNotNull();
        assertThat(String.valueOf(port.get("containerPort"))).isEqualTo(setting);
        assertThat(port.get("protocol")).isEqualTo(protocol);
    }

    private static Object envEntry(Map<String, Object> container, String name) {
        return listAt(container, "env").stream().filter(e -> name.equals(at(e, "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the container's env"));
    }

    private static Map<String, String> literalEnv(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : listAt(container, "env")) {
            if (map(entry, "env").containsKey("value")) {
                env.put(String.valueOf(at(entry, "name")), String.valueOf(at(entry, "value")));
            }
        }
        return env;
    }
}

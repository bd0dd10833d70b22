package dev.hearth.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** infra/Dockerfile: a Temurin 17 JRE image that runs the server jar as a non-root user and checks /healthz. */
class DockerfileTest {

    private final List<String> lines = KubernetesManifestsTest.directives(
            DeploymentFiles.read(DeploymentFiles.INFRA.resolve("Dockerfile")).replace("\\\n", " "));

    @Test
    void runsTheJarAsANonRootUser() {
        assertThat(lines.get(0)).matches("FROM eclipse-temurin:17-jre.*");
        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("USER instructions").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0].strip();
        assertThat(user).isNotIn("root", "0");
        assertThat(lines.indexOf(users.get(users.size() - 1)))
                .isLessThan(indexOf("ENTRYPOINT "));
        assertThat(lines).anyMatch(l -> l.contains("useradd") && l.contains(user) && !l.contains("--uid 0 "));
        assertThat(lines.get(indexOf("ENTRYPOINT "))).as("exec form, so java gets SIGTERM")
                .startsWith("ENTRYPOINT [\"java\"").contains("/opt/hearth/hearth-server.jar");
        assertThat(lines).anyMatch(l -> l.startsWith("COPY ") && l.contains("signaling-server/target/hearth-server.jar"));
    }

    @Test
    void healthcheckAsksHealthzOnTheHttpPortAndExposesThePortsOfTheSettings() {
        String check = lines.get(indexOf("HEALTHCHECK "));
        assertThat(check).contains("/healthz")
                .contains("${HEARTH_HTTP_PORT:-" + DeploymentFiles.examplePort("HEARTH_HTTP_PORT") + "}");
        assertThat(lines.get(indexOf("EXPOSE ")).substring("EXPOSE ".length()).split("\\s+")).containsExactlyInAnyOrder(
                DeploymentFiles.examplePort("HEARTH_HTTP_PORT") + "/tcp",
                DeploymentFiles.examplePort("HEARTH_MEDIA_PORT") + "/udp",
                // the second packet loop's port: compose.yaml and k8s/ run two
                DeploymentFiles.examplePort("HEARTH_MEDIA_PORT") + 1 + "/udp",
                DeploymentFiles.examplePort("HEARTH_MEDIA_TCP_PORT") + "/tcp");
        assertThat(lines.stream().filter(l -> l.startsWith("ENV ") || l.startsWith("ARG ")))
                .as("no secret baked into the image")
                .noneMatch(l -> InlineSecrets.isSecretName(l.split("\\s+")[1].split("=")[0]));
    }

    private int indexOf(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix.strip() + " in infra/Dockerfile");
    }
}

package dev.hearth.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.web.ApiClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nothing Hearth writes is readable by another local user: a real session with the real relay, recorder, archive,
 * catalog, consent ledger and audit log fills a data directory that does not exist yet, and every file in it must
 * be 0600 and every directory 0700. Under the usual umask 022 a file created without explicit permissions is 0644,
 * so this fails for any file written the careless way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1", "HEARTH_MEDIA_PORT=0", "HEARTH_MEDIA_TCP_PORT=0",
        "HEARTH_ADMIN_PASSWORD=" + DataDirPermissionsTest.ADMIN_PASSWORD})
class DataDirPermissionsTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-81";
    private static final String FACILITATOR_PASSWORD = "Walnut-Beacon-Facilitator-27";
    /** Not created yet: the server makes the data directory itself, and it counts too. */
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-permissions").resolve("data");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void everyFileIsOwnerOnlyAndEveryDirectoryOwnerOnly() throws IOException {
        ApiClient api = new ApiClient(port);
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        api.postJson("/api/admin/facilitators", Map.of("username", "modes", "password", FACILITATOR_PASSWORD),
                admin.cookie(), admin.csrfToken());
        assertEquals(200, api.send(api.request("/api/admin/retention")
                .header("Content-Type", "application/json")
                .header("Cookie", admin.cookie())
                .header("X-CSRF-Token", admin.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.json(
                        Map.of("recordingDays", 30, "consentLedgerDays", 2190, "auditLogDays", 2190))))).status());
        ApiClient.Login facilitator = api.login("modes", FACILITATOR_PASSWORD);
        ApiClient.Reply room = api.postJson("/api/rooms", Map.of("title", "Modes"), facilitator.cookie(),
                facilitator.csrfToken());
        String roomId = room.body().get("roomId").asString();
        String inviteUrl = room.body().get("inviteUrl").asString();
        String invite = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
        int agreementVersion = api.get("/api/invites/" + invite, null).body().at("/agreement/version").asInt();

        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Odile")));
            JsonNode lobby = member.reply(member.send("join", m -> m.put("invite", invite).put("firstName", "Casimir")
                    .put("agreementVersion", agreementVersion)));
            host.reply(host.send("admit", m -> m.put("participantId", lobby.get("participantId").asString())));
            member.expect("admitted");
            host.reply(host.send("request-recording"));
            String recordingId = member.expect("consent-request").get("recordingId").asString();
            member.reply(member.send("consent", m -> m.put("recordingId", recordingId)));
            host.reply(host.send("stop-recording"));
        }

        List<String> written = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(DATA_DIR)) {
            paths.forEach(path -> {
                String relative = DATA_DIR.relativize(path).toString();
                String mode = mode(path);
                boolean directory = Files.isDirectory(path);
                if (!directory) {
                    written.add(relative);
                }
                if (!mode.equals(directory ? "rwx------" : "rw-------")) {
                    wrong.add((relative.isEmpty() ? "<data dir>" : relative) + " " + mode);
                }
            });
        }
        assertThat(written).as("the session wrote everything this test is about").contains(
                "accounts.json", "audit.log", "audit.head", "audit-signing.key", "audit-signing.pub", "invite.key",
                "master.key", "ledger-signing.key", "ledger-signing.pub",
                "recordings-catalog", "retention-policy.json");
        assertThat(written).anyMatch(name -> name.matches("recordings/.+\\.hrec"))
                .anyMatch(name -> name.matches("recordings/.+\\.key"))
                .anyMatch(name -> name.matches("consent-ledger/.+\\.jsonl"));
        assertThat(wrong).as("paths readable beyond the server's user").isEmpty();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

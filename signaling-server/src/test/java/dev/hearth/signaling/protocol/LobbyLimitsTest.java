package dev.hearth.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One invite must not let a crowd into the lobby, nor one address knock without end, and someone removed who
 * comes back in a new browser profile is pointed out to the facilitator. The lobby capacity and knock limit are
 * left at their defaults (50, 10 a minute). This test is the trusted proxy (127.0.0.1), so each simulated
 * person gets their own client address through X-Forwarded-For, as Tomcat's RemoteIpValve reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + LobbyLimitsTest.ADMIN_PASSWORD,
        "HEARTH_TRUSTED_PROXIES=127.0.0.1,::1",
        "logging.level.dev.hearth=DEBUG"})
class LobbyLimitsTest {

    static final String ADMIN_PASSWORD = "lobby-limits-admin-pass";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-lobby-limits");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private ApiClient.Login facilitator;
    private String roomId;
    private String invite;
    private int agreementVersion;

    @BeforeEach
    void room() {
        ApiClient api = new ApiClient(port);
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        String username = "fac" + System.nanoTime() % 1_000_000;
        api.postJson("/api/admin/facilitators", Map.of("username", username, "password", "facilitator-pass-1"),
                admin.cookie(), admin.csrfToken());
        facilitator = api.login(username, "facilitator-pass-1");
        JsonNode room = api.postJson("/api/rooms", Map.of(), facilitator.cookie(), facilitator.csrfToken()).body();
        roomId = room.get("roomId").asString();
        String url = room.get("inviteUrl").asString();
        invite = url.substring(url.lastIndexOf('/') + 1);
        agreementVersion = room.get("agreement").get("version").asInt();
    }

    @Test
    void aHundredSocketsWithOneInviteFillTheLobbyToItsCapacityAndNoFurther() {
        List<TestSocket> crowd = new ArrayList<>();
        try (TestSocket host = enter()) {
            int waiting = 0;
            int full = 0;
            for (int i = 1; i <= 100; i++) {
                TestSocket socket = from("198.51.100." + i);
                crowd.add(socket);
                JsonNode reply = socket.reply(join(socket, "Ana"));
                if ("lobby".equals(reply.path("type").asString())) {
                    waiting++;
                } else {
                    assertEquals("lobby-full", reply.path("code").asString(), reply::toString);
                    full++;
                }
            }
            assertEquals(50, waiting, "the default lobby capacity");
            assertEquals(50, full);
            JsonNode last = null;
            for (int i = 0; i < 50; i++) {
                last = host.expect("lobby-update");
            }
            assertEquals(50, last.get("entries").size());
            host.expectSilence(java.time.Duration.ofMillis(200));
        } finally {
            crowd.forEach(TestSocket::close);
        }
    }

    @Test
    void theEleventhKnockFromOneAddressWithinAMinuteIsRefused() {
        List<TestSocket> sockets = new ArrayList<>();
        try (TestSocket host = enter()) {
            for (int i = 1; i <= 10; i++) {
                TestSocket socket = from("203.0.113.7");
                sockets.add(socket);
                assertEquals("lobby", socket.reply(join(socket, "Ana")).path("type").asString(), "knock " + i);
            }
            TestSocket eleventh = from("203.0.113.7");
            sockets.add(eleventh);
            eleventh.expectError(join(eleventh, "Ana"), "too-many-knocks");

            // Another address is not held up by this one.
            TestSocket neighbour = from("203.0.113.8");
            sockets.add(neighbour);
            assertEquals("lobby", neighbour.reply(join(neighbour, "Ben")).path("type").asString());
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }

    @Test
    void aRemovedMemberKnockingFromANewBrowserProfileIsMarkedForTheFacilitatorOnly(CapturedOutput output) {
        String address = "192.0.2.45";
        try (TestSocket host = enter();
             TestSocket witness = from("192.0.2.46");
             TestSocket removed = from(address)) {
            String witnessId = witness.reply(join(witness, "Ana")).get("participantId").asString();
            assertFalse(host.expect("lobby-update").get("entries").get(0).get("removedEarlier").asBoolean());
            host.reply(host.send("admit", m -> m.put("participantId", witnessId)));
            witness.expect("admitted");
            host.expect("lobby-update");

            String removedId = removed.reply(join(removed, "Dave")).get("participantId").asString();
            host.expect("lobby-update");
            host.reply(host.send("admit", m -> m.put("participantId", removedId)));
            removed.expect("admitted");
            host.expect("lobby-update");
            host.reply(host.send("remove", m -> m.put("participantId", removedId)));
            removed.expect("removed");
            removed.awaitClosed();

            // A new browser profile: no seat, a fresh socket, the same address.
            try (TestSocket again = from(address); TestSocket stranger = from("192.0.2.99")) {
                JsonNode lobby = again.reply(join(again, "David"));
                assertEquals("lobby", lobby.path("type").asString());
                assertThat(lobby.toString()).doesNotContain("removedEarlier");
                JsonNode entry = host.expect("lobby-update").get("entries").get(0);
                assertEquals("David", entry.get("firstName").asString());
                assertTrue(entry.get("removedEarlier").asBoolean(), entry::toString);

                stranger.reply(join(stranger, "Cleo"));
                JsonNode entries = host.expect("lobby-update").get("entries");
                assertEquals(2, entries.size());
                assertFalse(entries.get(1).get("removedEarlier").asBoolean(), entries::toString);
            }
            assertThat(witness.everything().toString()).doesNotContain("removedEarlier", "David");
        }
        assertThat(output.getAll()).doesNotContain(address);
    }

    private TestSocket enter() {
        TestSocket host = TestSocket.open(port, facilitator.cookie());
        host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ngozi")));
        assertEquals(0, host.expect("lobby-update").get("entries").size());
        return host;
    }

    /** A socket from {@code address}, as the trusted proxy in front of Hearth reports it. */
    private TestSocket from(String address) {
        return TestSocket.open(port, null, "http://localhost:" + port, Map.of("X-Forwarded-For", address));
    }

    private String join(TestSocket socket, String name) {
        return socket.send("join", m -> m.put("invite", invite).put("firstName", name)
                .put("agreementVersion", agreementVersion));
    }
}

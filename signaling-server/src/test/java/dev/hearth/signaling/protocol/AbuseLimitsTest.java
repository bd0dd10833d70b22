package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Hostile clients get stable error codes or a closed socket, and the room carries on for everyone else. */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + AbuseLimitsTest.ADMIN_PASSWORD,
        // Every socket here comes from 127.0.0.1 and knocks badly on purpose; LobbyLimitsTest covers the limit.
        "HEARTH_KNOCKS_PER_MINUTE=1000"})
class AbuseLimitsTest {

    static final String ADMIN_PASSWORD = "abuse-limits-admin-pass";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-abuse");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private String invite;
    private int agreementVersion;
    private ApiClient.Login facilitator;
    private String roomId;

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
    void foreignOriginIsRefusedAtTheHandshake() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> TestSocket.open(port, facilitator.cookie(), "https://evil.example"));
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused::toString);
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void malformedUnknownAndOutOfOrderMessagesGetStableCodes() {
        try (TestSocket socket = TestSocket.open(port, null)) {
            socket.sendRaw("{not json");
            assertEquals("bad-json", socket.expect("error").get("code").asString());
            socket.sendRaw("[1,2,3]");
            assertEquals("bad-json", socket.expect("error").get("code").asString());
            socket.sendRaw("{\"id\":1}");
            assertEquals("bad-request", socket.expect("error").get("code").asString());
            socket.expectError(socket.send("teleport"), "unknown-type");
            socket.expectError(socket.send("admit", m -> m.put("participantId", "p-aaaaaaaaaaaaaaaaaaaa")),
                    "not-joined");
            socket.expectError(socket.send("join", m -> m.put("invite", invite + "x").put("firstName", "Ana")
                    .put("agreementVersion", agreementVersion)), "invalid-invite");
            socket.expectError(socket.send("join", m -> m.put("invite", invite).put("firstName", "ana@example.com")
                    .put("agreementVersion", agreementVersion)), "invalid-name");
            socket.expectError(socket.send("join", m -> m.put("invite", invite).put("firstName", "Ana")
                    .put("agreementVersion", agreementVersion + 7)), "agreement-required");
            socket.expectError(socket.send("join", m -> m.put("invite", invite).put("firstName", 42)
                    .put("agreementVersion", agreementVersion)), "bad-request");
            socket.expectError(socket.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ana")),
                    "not-signed-in");
            // Still usable afterwards.
            socket.reply(socket.send("ping"));
        }
    }

    @Test
    void oversizedMessageIsRefusedWithoutClosing() {
        try (TestSocket socket = TestSocket.open(port, null)) {
            socket.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertEquals("too-large", socket.expect("error").get("code").asString());
            socket.reply(socket.send("ping"));
        }
    }

    @Test
    void floodIsRateLimitedThenCutOffWhileTheRoomCarriesOn() {
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null);
             TestSocket flooder = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ngozi")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", invite).put("firstName", "Ana")
                    .put("agreementVersion", agreementVersion))).get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");

            // Until cut off, however slowly a loaded machine serves the flood (the bucket refills meanwhile).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (!flooder.isClosed() && System.nanoTime() < deadline) {
                try {
                    flooder.sendRaw("{\"type\":\"ping\"}");
                } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                    break;
                }
            }
            assertEquals("rate-limited", flooder.expect("error").get("code").asString());
            flooder.awaitClosed();

            // The room is unaffected: commands and events still flow.
            host.reply(host.send("lock"));
            assertTrue(member.expect("lock-changed").get("locked").asBoolean());
            member.reply(member.send("ping"));
        }
    }

    @Test
    void facilitatorPowersEndWithSignOut() {
        ApiClient api = new ApiClient(port);
        try (TestSocket host = TestSocket.open(port, facilitator.cookie())) {
            host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ngozi")));
            api.postJson("/api/logout", Map.of(), facilitator.cookie(), facilitator.csrfToken());
            assertEquals("not-signed-in", host.expect("error").get("code").asString());
            host.awaitClosed();
        }
    }
}

package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same X-Forwarded-* headers from an address that is not a configured proxy are ignored: anyone could send
 * them, to aim invite links at their own host, to open the socket from their own page, or to knock as a new
 * address each time.
 */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + UntrustedProxyTest.ADMIN_PASSWORD,
        "HEARTH_TRUSTED_PROXIES=192.0.2.10"})
class UntrustedProxyTest {

    static final String ADMIN_PASSWORD = "untrusted-proxy-admin-pass";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-untrusted-proxy");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    private ProxiedRooms rooms;

    @BeforeEach
    void facilitator() {
        rooms = new ProxiedRooms(port, ADMIN_PASSWORD);
    }

    @Test
    void forwardedHeadersFromAStrangerDoNotMoveLinks() {
        String invite = rooms.createRoom(ProxiedRooms.FORWARDED).get("inviteUrl").asString();
        assertEquals("http://localhost:" + port + "/join/", invite.substring(0, invite.lastIndexOf('/') + 1));
    }

    @Test
    void forwardedHeadersFromAStrangerDoNotOpenTheSocket() {
        ProxiedRooms.assertRefused(() -> TestSocket.open(port, rooms.cookie(), "https://clinic.example.org",
                ProxiedRooms.FORWARDED));
    }

    /** A forged X-Forwarded-For per socket would otherwise make every knock look like a new person's. */
    @Test
    void forwardedForFromAStrangerDoesNotEscapeTheKnockLimit() {
        tools.jackson.databind.JsonNode room = rooms.createRoom(java.util.Map.of());
        String url = room.get("inviteUrl").asString();
        String invite = url.substring(url.lastIndexOf('/') + 1);
        int agreementVersion = room.get("agreement").get("version").asInt();
        java.util.List<TestSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 1; i <= 11; i++) {
                TestSocket socket = TestSocket.open(port, null, "http://localhost:" + port,
                        java.util.Map.of("X-Forwarded-For", "198.51.100." + i));
                sockets.add(socket);
                String id = socket.send("join", m -> m.put("invite", invite).put("firstName", "Ana")
                        .put("agreementVersion", agreementVersion));
                if (i <= 10) {
                    assertEquals("lobby", socket.reply(id).path("type").asString(), "knock " + i);
                } else {
                    socket.expectError(id, "too-many-knocks");
                }
            }
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }
}

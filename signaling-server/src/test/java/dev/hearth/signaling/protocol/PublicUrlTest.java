package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hearth behind the documented TLS proxy, which reaches it on plain http: invite links and the WebSocket's
 * Origin check use HEARTH_PUBLIC_URL, not the address the request arrived on.
 */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + PublicUrlTest.ADMIN_PASSWORD,
        "HEARTH_TLS=true", "HEARTH_PUBLIC_URL=https://hearth.example.org"})
class PublicUrlTest {

    static final String ADMIN_PASSWORD = "public-url-admin-pass";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-public-url");

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
    void inviteLinksUseThePublicHttpsAddress() {
        var room = rooms.createRoom(Map.of());
        String invite = room.get("inviteUrl").asString();
        assertTrue(invite.startsWith("https://hearth.example.org/join/"), invite);
        assertTrue(room.get("roomUrl").asString().startsWith("https://hearth.example.org/room/"), room.toString());
    }

    @Test
    void onlyPagesFromThePublicOriginMayOpenTheSocket() {
        TestSocket.open(port, rooms.cookie(), "https://hearth.example.org").close();
        ProxiedRooms.assertRefused(() -> TestSocket.open(port, rooms.cookie(), "http://localhost:" + port));
        ProxiedRooms.assertRefused(() -> TestSocket.open(port, rooms.cookie(), "http://hearth.example.org"));
    }
}

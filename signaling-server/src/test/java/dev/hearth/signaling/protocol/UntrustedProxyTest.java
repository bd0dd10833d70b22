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
 * them, to aim invite links at their own host or to open the socket from their own page.
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
}

package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** X-Forwarded-* from a proxy named in HEARTH_TRUSTED_PROXIES (here: this test, on 127.0.0.1) are believed. */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + TrustedProxyTest.ADMIN_PASSWORD,
        "HEARTH_TRUSTED_PROXIES=127.0.0.1,::1"})
class TrustedProxyTest {

    static final String ADMIN_PASSWORD = "trusted-proxy-admin-pass";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-trusted-proxy");

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
    void linksCarryTheAddressThePersonOpened() {
        String invite = rooms.createRoom(ProxiedRooms.FORWARDED).get("inviteUrl").asString();
        assertEquals("https://clinic.example.org/join/", invite.substring(0, invite.lastIndexOf('/') + 1));
    }

    @Test
    void theSocketAcceptsThePageTheProxyServed() {
        TestSocket.open(port, rooms.cookie(), "https://clinic.example.org", ProxiedRooms.FORWARDED).close();
        ProxiedRooms.assertRefused(() -> TestSocket.open(port, rooms.cookie(), "https://clinic.example.org"));
    }
}

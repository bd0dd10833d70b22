package dev.hearth.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaRelayConfigurationTest {

    @Test
    void localPublicIpIsWhereThePortListensSoAnswersComeFromTheAdvertisedAddress() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        assertEquals(loopback, MediaRelayConfiguration.bindAddress(List.of(loopback)));
    }

    @Test
    void publicIpOfANatInFrontOfTheHostLeavesThePortOnTheWildcardAddress() throws Exception {
        // TEST-NET-3 (RFC 5737): never an address of this machine.
        InetAddress natted = InetAddress.getByName("203.0.113.7");

        assertTrue(MediaRelayConfiguration.bindAddress(List.of(natted)).isAnyLocalAddress());
    }

    @Test
    void withoutPublicIpThePortListensEverywhere() {
        assertTrue(MediaRelayConfiguration.bindAddress(List.of()).isAnyLocalAddress());
    }
}

package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CandidateAddressesTest {

    @Test
    void configuredPublicIpReplacesInterfaceAddresses() throws Exception {
        List<InetAddress> addresses = CandidateAddresses.resolve(
                Map.of(CandidateAddresses.PUBLIC_IP_VARIABLE, "203.0.113.7"), false);
        assertEquals(List.of(InetAddress.getByName("203.0.113.7")), addresses);
    }

    @Test
    void severalPublicAddressesMayBeListedIncludingIpv6() {
        List<InetAddress> addresses = CandidateAddresses.resolve(
                Map.of(CandidateAddresses.PUBLIC_IP_VARIABLE, "203.0.113.7, 2001:db8::1"), false);
        assertEquals(2, addresses.size());
    }

    @Test
    void hostNamesAreRefusedSoStartupNeverWaitsForDns() {
        assertThrows(IllegalArgumentException.class, () -> CandidateAddresses.resolve(
                Map.of(CandidateAddresses.PUBLIC_IP_VARIABLE, "relay.example.org"), false));
        assertThrows(IllegalArgumentException.class, () -> CandidateAddresses.parseLiteral("256.1.1.1"));
    }

    @Test
    void withoutConfigurationInterfaceAddressesAreNonLoopbackIpv4() {
        List<InetAddress> addresses = CandidateAddresses.resolve(Map.of(), false);
        for (InetAddress address : addresses) {
            assertTrue(address instanceof Inet4Address);
            assertFalse(address.isLoopbackAddress());
        }
    }

    @Test
    void loopbackIsAddedOnlyWhenAskedFor() {
        assertTrue(CandidateAddresses.resolve(Map.of(), true).contains(InetAddress.getLoopbackAddress()));
        assertFalse(CandidateAddresses.resolve(
                Map.of(CandidateAddresses.PUBLIC_IP_VARIABLE, "203.0.113.7"), false)
                .contains(InetAddress.getLoopbackAddress()));
    }
}

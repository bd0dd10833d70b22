package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class CandidateAddressesTest {

    @Test
    void literalsOfBothFamiliesParseWithoutLookup() throws Exception {
        assertEquals(InetAddress.getByName("203.0.113.7"), CandidateAddresses.parseLiteral("203.0.113.7"));
        assertEquals(InetAddress.getByName("2001:db8::1"), CandidateAddresses.parseLiteral("2001:db8::1"));
    }

    @Test
    void hostNamesAreRefusedSoStartupNeverWaitsForDns() {
        assertThrows(IllegalArgumentException.class, () -> CandidateAddresses.parseLiteral("relay.example.org"));
        assertThrows(IllegalArgumentException.class, () -> CandidateAddresses.parseLiteral("256.1.1.1"));
    }

    @Test
    void interfaceAddressesAreNeitherLoopbackNorLinkLocal() {
        for (InetAddress address : CandidateAddresses.hostAddresses(false)) {
            assertFalse(address.isLoopbackAddress());
            assertFalse(address.isLinkLocalAddress(), "a link-local address needs a scope no browser knows");
        }
    }

    @Test
    void everyGlobalAddressOfBothFamiliesIsAdvertised() throws Exception {
        List<InetAddress> expected = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                        expected.add(address);
                    }
                }
            }
        }
        List<InetAddress> advertised = CandidateAddresses.hostAddresses(false);
        assertEquals(expected.size(), advertised.size(), "advertised " + advertised + ", host has " + expected);
        assertTrue(advertised.containsAll(expected), "advertised " + advertised + ", host has " + expected);
        // IPv4 first: the SDP's first candidate is its default, and every browser can use an IPv4 one.
        boolean seenIpv6 = false;
        for (InetAddress address : advertised) {
            assertFalse(seenIpv6 && address instanceof Inet4Address, "IPv4 before IPv6: " + advertised);
            seenIpv6 |= !(address instanceof Inet4Address);
        }
    }

    @Test
    void loopbackOfBothFamiliesIsAddedWhenAskedForAndTheHostHasIt() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        boolean hostHasIpv6Loopback = NetworkInterface.getByInetAddress(ipv6Loopback) != null;
        assertEquals(hostHasIpv6Loopback, CandidateAddresses.hostAddresses(true).contains(ipv6Loopback));
        assertFalse(CandidateAddresses.hostAddresses(false).contains(ipv6Loopback));
    }

    @Test
    void loopbackIsAddedOnlyWhenAskedFor() {
        assertTrue(CandidateAddresses.hostAddresses(true).contains(InetAddress.getLoopbackAddress()));
        assertFalse(CandidateAddresses.hostAddresses(false).contains(InetAddress.getLoopbackAddress()));
    }
}

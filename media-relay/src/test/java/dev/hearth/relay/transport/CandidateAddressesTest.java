package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;

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
    void interfaceAddressesAreNonLoopbackIpv4() {
        for (InetAddress address : CandidateAddresses.hostAddresses(false)) {
            assertTrue(address instanceof Inet4Address);
            assertFalse(address.isLoopbackAddress());
        }
    }

    @Test
    void loopbackIsAddedOnlyWhenAskedFor() {
        assertTrue(CandidateAddresses.hostAddresses(true).contains(InetAddress.getLoopbackAddress()));
        assertFalse(CandidateAddresses.hostAddresses(false).contains(InetAddress.getLoopbackAddress()));
    }
}

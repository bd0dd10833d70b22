package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4IsTakenAsItIs() {
        assertEquals(Optional.of("198.51.100.23"), ClientAddresses.key("198.51.100.23"));
    }

    @Test
    void ipv6CountsByItsSixtyFour() {
        assertEquals(ClientAddresses.key("2001:db8:1:2::17"), ClientAddresses.key("2001:0db8:0001:0002:abcd::1"));
        assertEquals(ClientAddresses.key("2001:db8:1:2::17"), ClientAddresses.key("[2001:db8:1:2::99%eth0]"));
        assertNotEquals(ClientAddresses.key("2001:db8:1:2::17"), ClientAddresses.key("2001:db8:1:3::17"));
        assertEquals(Optional.of("20010db800010002::/64"), ClientAddresses.key("2001:db8:1:2::17"));
    }

    @Test
    void nothingIsNothing() {
        assertTrue(ClientAddresses.key(null).isEmpty());
        assertTrue(ClientAddresses.key(" ").isEmpty());
    }
}

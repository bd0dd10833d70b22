package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DtlsConfigTest {

    @Test
    void defaultsToTenSecondHandshakesAndOneSecondRetransmits() {
        DtlsConfig config = DtlsConfig.defaults();

        assertEquals(Duration.ofSeconds(10), config.handshakeTimeout());
        assertEquals(Duration.ofSeconds(1), config.initialRetransmit());
    }

    @Test
    void shorterHandshakeTimeoutAlsoCapsTheFirstRetransmit() {
        DtlsConfig config = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofMillis(300));

        assertEquals(Duration.ofMillis(300), config.initialRetransmit());
    }

    @Test
    void rejectsZeroNegativeAndInconsistentDurations() {
        assertThrows(IllegalArgumentException.class, () -> new DtlsConfig(Duration.ZERO, Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> new DtlsConfig(Duration.ofSeconds(1), Duration.ofMillis(-5)));
        assertThrows(IllegalArgumentException.class, () -> new DtlsConfig(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new DtlsConfig(null, Duration.ofSeconds(1)));
    }
}

package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DtlsConfigTest {

    @Test
    void defaultsToTenSecondHandshakesAndOneSecondRetransmits() {
        DtlsConfig config = DtlsConfig.defaults();

        assertEquals(Duration.ofSeconds(10), config.handshakeTimeout());
        assertEquals(Duration.ofSeconds(1), config.initialRetransmit());
        assertEquals(List.of(DtlsSrtpProfile.AEAD_AES_128_GCM, DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80),
                config.srtpProfiles());
    }

    @Test
    void srtpProfilesKeepTheirOrderAndMustNotBeEmpty() {
        DtlsConfig cmFirst = DtlsConfig.defaults().withSrtpProfiles(
                List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsSrtpProfile.AEAD_AES_128_GCM));

        assertEquals(List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsSrtpProfile.AEAD_AES_128_GCM),
                cmFirst.srtpProfiles());
        assertEquals(cmFirst.srtpProfiles(), cmFirst.withHandshakeTimeout(Duration.ofMillis(300)).srtpProfiles());
        assertEquals(cmFirst.srtpProfiles(), cmFirst.withInitialRetransmit(Duration.ofMillis(50)).srtpProfiles());
        assertThrows(IllegalArgumentException.class, () -> DtlsConfig.defaults().withSrtpProfiles(List.of()));
        assertThrows(IllegalArgumentException.class, () -> DtlsConfig.defaults().withSrtpProfiles(null));
        assertThrows(IllegalArgumentException.class, () -> DtlsConfig.defaults().withSrtpProfiles(
                List.of(DtlsSrtpProfile.AEAD_AES_128_GCM, DtlsSrtpProfile.AEAD_AES_128_GCM)));
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

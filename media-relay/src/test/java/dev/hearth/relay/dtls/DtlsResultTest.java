package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DtlsResultTest {

    @Test
    void splitsGcmKeyingMaterialAsRfc5764Section42LaysItOut() {
        DtlsResult result = new DtlsResult(0x0007, counting(56));

        assertArrayEquals(range(0, 16), result.clientMasterKey());
        assertArrayEquals(range(16, 32), result.serverMasterKey());
        assertArrayEquals(range(32, 44), result.clientMasterSalt());
        assertArrayEquals(range(44, 56), result.serverMasterSalt());
    }

    @Test
    void splitsCmHmacKeyingMaterialWithFourteenByteSalts() {
        DtlsResult result = new DtlsResult(0x0001, counting(60));

        assertArrayEquals(range(0, 16), result.clientMasterKey());
        assertArrayEquals(range(16, 32), result.serverMasterKey());
        assertArrayEquals(range(32, 46), result.clientMasterSalt());
        assertArrayEquals(range(46, 60), result.serverMasterSalt());
    }

    @Test
    void rejectsUnknownProfilesAndWrongLengths() {
        assertThrows(IllegalArgumentException.class, () -> new DtlsResult(0x0002, counting(60)));
        assertThrows(IllegalArgumentException.class, () -> new DtlsResult(0x0007, counting(60)));
        assertThrows(IllegalArgumentException.class, () -> new DtlsResult(0x0001, null));
    }

    @Test
    void keepsItsOwnCopyOfTheKeys() {
        byte[] material = counting(56);
        DtlsResult result = new DtlsResult(0x0007, material);

        material[0] = 99;
        result.keyingMaterial()[1] = 99;

        assertArrayEquals(counting(56), result.keyingMaterial());
        assertEquals(new DtlsResult(0x0007, counting(56)), result);
    }

    @Test
    void toStringRedactsTheKeys() {
        String text = new DtlsResult(0x0007, counting(56)).toString();

        assertTrue(text.contains("AEAD_AES_128_GCM"));
        assertTrue(text.contains("redacted"));
        assertFalse(text.contains("[B@"));
    }

    @Test
    void prefersGcmWhateverOrderTheClientOffers() {
        assertEquals(Optional.of(DtlsSrtpProfile.AEAD_AES_128_GCM), DtlsSrtpProfile.choose(new int[] {1, 2, 7}));
        assertEquals(Optional.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DtlsSrtpProfile.choose(new int[] {2, 1}));
        assertEquals(Optional.empty(), DtlsSrtpProfile.choose(new int[] {2, 8}));
        assertEquals(Optional.empty(), DtlsSrtpProfile.choose(null));
        assertEquals(56, DtlsSrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength());
        assertEquals(60, DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80.keyingMaterialLength());
    }

    /** The operator's order (HEARTH_SRTP_PROFILES) decides, not the client's; profiles left out are never chosen. */
    @Test
    void choosesByTheConfiguredOrder() {
        List<DtlsSrtpProfile> cmFirst = List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsSrtpProfile.AEAD_AES_128_GCM);
        assertEquals(Optional.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DtlsSrtpProfile.choose(new int[] {7, 1}, cmFirst));
        assertEquals(Optional.of(DtlsSrtpProfile.AEAD_AES_128_GCM), DtlsSrtpProfile.choose(new int[] {7, 2}, cmFirst));

        List<DtlsSrtpProfile> cmOnly = List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertEquals(Optional.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DtlsSrtpProfile.choose(new int[] {7, 1}, cmOnly));
        assertEquals(Optional.empty(), DtlsSrtpProfile.choose(new int[] {7}, cmOnly));

        List<DtlsSrtpProfile> gcmOnly = List.of(DtlsSrtpProfile.AEAD_AES_128_GCM);
        assertEquals(Optional.empty(), DtlsSrtpProfile.choose(new int[] {1, 2}, gcmOnly));
        assertEquals(Optional.empty(), DtlsSrtpProfile.choose(null, gcmOnly));
    }

    @Test
    void operatorNamesAreTheTransformNamesOrTheNamesBrowsersReport() {
        assertEquals("aead_aes_128_gcm", DtlsSrtpProfile.AEAD_AES_128_GCM.settingName());
        assertEquals("aes_cm_128_hmac_sha1_80", DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80.settingName());
        assertEquals(Optional.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DtlsSrtpProfile.fromSettingName("AES_CM_128_HMAC_SHA1_80"));
        assertEquals(Optional.of(DtlsSrtpProfile.AEAD_AES_128_GCM), DtlsSrtpProfile.fromSettingName("aead_aes_128_gcm"));
        assertEquals(Optional.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), DtlsSrtpProfile.fromSettingName("SRTP_AES128_CM_HMAC_SHA1_80"));
        assertEquals(Optional.of(DtlsSrtpProfile.AEAD_AES_128_GCM), DtlsSrtpProfile.fromSettingName("srtp_aead_aes_128_gcm"));
        assertEquals("SRTP_AES128_CM_HMAC_SHA1_80", DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80.ianaName());
        assertEquals("SRTP_AEAD_AES_128_GCM", DtlsSrtpProfile.AEAD_AES_128_GCM.ianaName());
        assertEquals(Optional.empty(), DtlsSrtpProfile.fromSettingName("aes_cm_128_hmac_sha1_32"));
        assertEquals(Optional.empty(), DtlsSrtpProfile.fromSettingName("srtp_aes128_cm_hmac_sha1_32"));
        assertEquals(Optional.empty(), DtlsSrtpProfile.fromSettingName(""));
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] range(int from, int to) {
        return Arrays.copyOfRange(counting(64), from, to);
    }
}

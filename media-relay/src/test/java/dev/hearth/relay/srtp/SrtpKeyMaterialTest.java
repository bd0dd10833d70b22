package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpKeyMaterialTest {

    @Test
    void serverSendsWithTheServerHalfAndReceivesWithTheClientHalf() {
        byte[] exported = counting(SrtpProfile.AEAD_AES_128_GCM.exporterLength());

        SrtpKeyMaterial server = SrtpKeyMaterial.forServer(SrtpProfile.AEAD_AES_128_GCM, exported);

        // client_write_key 0..15 | server_write_key 16..31 | client_write_salt 32..43 | server_write_salt 44..55
        assertArrayEquals(Arrays.copyOfRange(exported, 16, 32), server.local().key());
        assertArrayEquals(Arrays.copyOfRange(exported, 44, 56), server.local().salt());
        assertArrayEquals(Arrays.copyOfRange(exported, 0, 16), server.remote().key());
        assertArrayEquals(Arrays.copyOfRange(exported, 32, 44), server.remote().salt());
    }

    @Test
    void clientViewIsTheMirrorOfTheServerView() {
        byte[] exported = counting(SrtpProfile.AES128_CM_HMAC_SHA1_80.exporterLength());

        SrtpKeyMaterial server = SrtpKeyMaterial.forServer(SrtpProfile.AES128_CM_HMAC_SHA1_80, exported);
        SrtpKeyMaterial client = SrtpKeyMaterial.forClient(SrtpProfile.AES128_CM_HMAC_SHA1_80, exported);

        assertEquals(server.local(), client.remote());
        assertEquals(server.remote(), client.local());
        assertArrayEquals(Arrays.copyOfRange(exported, 32, 46), client.local().salt());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void exporterOutputOfTheWrongLengthIsRejected(SrtpProfile profile) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyMaterial.forServer(profile, new byte[profile.exporterLength() - 1]));
        assertTrue(error.getMessage().contains(String.valueOf(profile.exporterLength())));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void bothDirectionsInteroperateAndNeitherDecryptsItsOwnTraffic(SrtpProfile profile) {
        byte[] exported = counting(profile.exporterLength());
        SrtpKeyMaterial relay = SrtpKeyMaterial.forServer(profile, exported);
        SrtpKeyMaterial browser = SrtpKeyMaterial.forClient(profile, exported);
        byte[] rtp = SrtpPackets.rtp(10, 0x11, 100);

        byte[] toBrowser = Hex.withRoom(rtp, 20);
        int length = relay.newSendContext().protectRtp(toBrowser, 0, rtp.length);
        byte[] echoed = toBrowser.clone();
        assertEquals(rtp.length, browser.newReceiveContext().unprotectRtp(toBrowser, 0, length));
        assertEquals(SrtpResult.AUTHENTICATION_FAILED, relay.newReceiveContext().unprotectRtp(echoed, 0, length));

        byte[] toRelay = Hex.withRoom(rtp, 20);
        length = browser.newSendContext().protectRtp(toRelay, 0, rtp.length);
        assertEquals(rtp.length, relay.newReceiveContext().unprotectRtp(toRelay, 0, length));
        assertArrayEquals(rtp, Arrays.copyOf(toRelay, rtp.length));
    }

    @Test
    void destroyedMaterialLeavesBuiltContextsWorking() {
        SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        SrtpKeyMaterial relay = SrtpKeyMaterial.forServer(profile, counting(profile.exporterLength()));
        SrtpSendContext sender = relay.newSendContext();
        SrtpReceiveContext loopback = new SrtpReceiveContext(profile, relay.local());

        relay.destroy();

        byte[] buffer = Hex.withRoom(SrtpPackets.rtp(1, 5, 10), 20);
        int length = sender.protectRtp(buffer, 0, 22);
        assertEquals(22, loopback.unprotectRtp(buffer, 0, length));
        assertArrayEquals(new byte[16], relay.local().key());
    }

    @Test
    void profilesAreFoundByTheirDtlsSrtpIds() {
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.fromId(0x0007));
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.fromId(0x0001));
        assertThrows(IllegalArgumentException.class, () -> SrtpProfile.fromId(0x0002));
        assertEquals(56, SrtpProfile.AEAD_AES_128_GCM.exporterLength());
        assertEquals(60, SrtpProfile.AES128_CM_HMAC_SHA1_80.exporterLength());
    }

    @Test
    void masterKeysNeverShowTheirBytes() {
        SrtpMasterKey key = new SrtpMasterKey(Hex.bytes("00112233445566778899aabbccddeeff"), new byte[12]);

        assertFalse(key.toString().contains("00112233"));
        assertFalse(key.toString().toLowerCase().contains("ff"));
        assertThrows(IllegalArgumentException.class, () -> key.requireFits(SrtpProfile.AES128_CM_HMAC_SHA1_80));
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}

package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class SrtpKeyDerivationTest {

    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void sessionKeysMatchRfc3711AppendixB3() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x00, 16)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x02, 14)));
        // B.3 lists 94 bytes of authentication keystream; the HMAC-SHA1 key is its first 20.
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa48f0a0acf3c34e2359e6cdbce"
                        + "e049646c43d9327ad175578ef72270986371c10c9a369ac2f94a8c5fbcdddc25"
                        + "6d6e919a48b610ef17c2041e474035766b68642c59bbfc2f34db60dbdfb2",
                hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x01, 94)));
    }

    @Test
    void rtpSessionKeysOfTheCmProfileAreTheB3Keys() {
        SessionKeys keys = SrtpKeyDerivation.rtp(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                new SrtpMasterKey(MASTER_KEY, MASTER_SALT));

        assertEquals("c61e7a93744f39ee10734afe3ff7a087", hex(keys.encryptionKey()));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", hex(keys.authenticationKey()));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", hex(keys.salt()));
    }

    @Test
    void rtcpSessionKeysUseLabelsThreeToFiveAsAnIndependentAesCtrComputes() {
        SessionKeys keys = SrtpKeyDerivation.rtcp(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                new SrtpMasterKey(MASTER_KEY, MASTER_SALT));

        assertArrayEquals(bouncyCastlePrf(MASTER_KEY, MASTER_SALT, 0x03, 16), keys.encryptionKey());
        assertArrayEquals(bouncyCastlePrf(MASTER_KEY, MASTER_SALT, 0x04, 20), keys.authenticationKey());
        assertArrayEquals(bouncyCastlePrf(MASTER_KEY, MASTER_SALT, 0x05, 14), keys.salt());
    }

    @Test
    void gcmProfileDerivesTwelveByteSaltFromRightPaddedMasterSaltAndNoAuthenticationKey() {
        byte[] key = Hex.bytes("000102030405060708090a0b0c0d0e0f");
        byte[] salt = Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab");
        byte[] padded = Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab0000");

        SessionKeys rtp = SrtpKeyDerivation.rtp(SrtpProfile.AEAD_AES_128_GCM, new SrtpMasterKey(key, salt));
        SessionKeys rtcp = SrtpKeyDerivation.rtcp(SrtpProfile.AEAD_AES_128_GCM, new SrtpMasterKey(key, salt));

        assertArrayEquals(bouncyCastlePrf(key, padded, 0x00, 16), rtp.encryptionKey());
        assertArrayEquals(bouncyCastlePrf(key, padded, 0x02, 12), rtp.salt());
        assertArrayEquals(bouncyCastlePrf(key, padded, 0x03, 16), rtcp.encryptionKey());
        assertArrayEquals(bouncyCastlePrf(key, padded, 0x05, 12), rtcp.salt());
        assertEquals(0, rtp.authenticationKey().length);
    }

    /** RFC 3711 §4.3.3 written out with BouncyCastle's own AES-CTR, as an independent check. */
    private static byte[] bouncyCastlePrf(byte[] key, byte[] salt14, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(salt14, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[length];
        ctr.processBytes(new byte[length], 0, length, out, 0);
        return out;
    }

    private static String hex(byte[] bytes) {
        return Hex.string(bytes, 0, bytes.length);
    }
}

package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM vectors. The RFC gives the session key and salt
 * directly, so the contexts are built on the cipher without the key derivation step.
 */
class AesGcmVectorsTest {

    private static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] SALT = Hex.bytes("517569642070726f2071756f");

    /** §16.1: RTP header with SEQ f17b, SSRC 5501a0b2, and "Gallia est omnis divisa in partes tres". */
    private static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c
            69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472
            6573""");

    /** §16.1.1: header, ciphertext and tag. */
    private static final byte[] SRTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3
            fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf
            8833899d 7f27beb1 6a9152cf 765ee439
            0cce""");

    /** §17: an RTCP sender report from SSRC "Mars" (4d617273), sent with SRTCP index 0x5d4. */
    private static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef""");
    private static final int RTCP_SSRC = 0x4d617273;
    private static final int RTCP_INDEX = 0x5d4;

    /** §17, AEAD_AES_128_GCM: encrypted SRTCP, E flag set. */
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c
            a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded
            0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4""");

    /** §17, AEAD_AES_128_GCM: authenticated-only SRTCP, E flag clear: the packet, the tag, the index word. */
    private static final byte[] SRTCP_UNENCRYPTED = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef 841dd968 3dd78ec9 2ae58790
            125f62b3 000005d4""");

    @Test
    void protectsRtpAsRfc7714Section1611() {
        byte[] buffer = Hex.withRoom(RTP, 20);

        int length = sender().protectRtp(buffer, 0, RTP.length);

        assertEquals(SRTP.length, length);
        assertArrayEquals(SRTP, Arrays.copyOf(buffer, length));
    }

    @Test
    void unprotectsRtpAsRfc7714Section1612() {
        byte[] buffer = SRTP.clone();

        int length = receiver().unprotectRtp(buffer, 0, buffer.length);

        assertEquals(RTP.length, length);
        assertArrayEquals(RTP, Arrays.copyOf(buffer, length));
    }

    @Test
    void protectsRtpAtAnOffsetInsideALargerBuffer() {
        byte[] buffer = new byte[7 + RTP.length + 20];
        System.arraycopy(RTP, 0, buffer, 7, RTP.length);

        int length = sender().protectRtp(buffer, 7, RTP.length);

        assertArrayEquals(SRTP, Arrays.copyOfRange(buffer, 7, 7 + length));
    }

    @Test
    void protectsRtcpAsRfc7714Section17() {
        SrtpSendContext sender = sender();
        sender.startRtcpIndexAt(RTCP_SSRC, RTCP_INDEX);
        byte[] buffer = Hex.withRoom(RTCP, 20);

        int length = sender.protectRtcp(buffer, 0, RTCP.length);

        assertEquals(SRTCP.length, length);
        assertArrayEquals(SRTCP, Arrays.copyOf(buffer, length));
    }

    @Test
    void unprotectsTheSection17Srtcp() {
        byte[] buffer = SRTCP.clone();

        int length = receiver().unprotectRtcp(buffer, 0, buffer.length);

        assertEquals(RTCP.length, length);
        assertArrayEquals(RTCP, Arrays.copyOf(buffer, length));
    }

    @Test
    void sealsUnencryptedRtcpAsRfc7714Section17() {
        byte[] buffer = Hex.withRoom(RTCP, 20);

        int length = cipher().sealRtcpUnencrypted(buffer, 0, RTCP.length, RTCP_SSRC, RTCP_INDEX);

        assertArrayEquals(SRTCP_UNENCRYPTED, Arrays.copyOf(buffer, length));
    }

    @Test
    void acceptsTheUnencryptedSrtcpOfSection17() {
        byte[] buffer = SRTCP_UNENCRYPTED.clone();

        int length = receiver().unprotectRtcp(buffer, 0, buffer.length);

        assertEquals(RTCP.length, length);
        assertArrayEquals(RTCP, Arrays.copyOf(buffer, length));
    }

    @Test
    void rejectsUnencryptedSrtcpWhoseClearTextWasAltered() {
        byte[] buffer = SRTCP_UNENCRYPTED.clone();
        buffer[20] ^= 1;
        byte[] before = buffer.clone();
        SrtpReceiveContext receiver = receiver();

        assertEquals(SrtpResult.AUTHENTICATION_FAILED, receiver.unprotectRtcp(buffer, 0, buffer.length));
        assertArrayEquals(before, buffer);
        assertEquals(1, receiver.authenticationFailures());
    }

    @Test
    void repeatingAnIndexBackToBackIsRefusedNotThrown() {
        SrtpSendContext sender = sender();
        sender.protectRtp(Hex.withRoom(RTP, 20), 0, RTP.length);

        // JCA refuses a GCM key/IV pair used by the previous encryption; the context reports it as a drop.
        assertEquals(SrtpResult.CIPHER_REFUSED, sender.protectRtp(Hex.withRoom(RTP, 20), 0, RTP.length));
        assertEquals(1, sender.cipherRefusals());
    }

    private static AesGcmCipher cipher() {
        SessionKeys keys = new SessionKeys(KEY, new byte[0], SALT);
        return new AesGcmCipher(keys, keys);
    }

    private static SrtpSendContext sender() {
        return new SrtpSendContext(SrtpProfile.AEAD_AES_128_GCM, cipher(), SrtpSendContext.DEFAULT_MAX_SSRCS);
    }

    private static SrtpReceiveContext receiver() {
        return new SrtpReceiveContext(SrtpProfile.AEAD_AES_128_GCM, cipher(), SrtpSendContext.DEFAULT_MAX_SSRCS);
    }
}

package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * Known answers for AES_CM_128_HMAC_SHA1_80 through the full key derivation: libsrtp's self-test packets
 * ({@code srtp_validate}, master key and salt of RFC 3711 B.3), and an independent BouncyCastle computation for
 * a packet with CSRCs, a header extension and a non-zero rollover counter.
 */
class AesCmHmacSha1VectorsTest {

    private static final SrtpMasterKey MASTER = new SrtpMasterKey(
            Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139"), Hex.bytes("0ec675ad498afeebb6960b3aabe6"));

    private static final byte[] RTP = Hex.bytes("800f1234 decafbad cafebabe abababab abababab abababab abababab");
    private static final byte[] SRTP = Hex.bytes("""
            800f1234 decafbad cafebabe 4e55dc4c e79978d8
            8ca4d215 949d2402 b78d6acc 99ea179b 8dbb""");

    private static final byte[] RTCP = Hex.bytes("81c8000b cafebabe abababab abababab abababab abababab");
    /** libsrtp sends this one with SRTCP index 1. */
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000b cafebabe 7128035b e487b9bd bef89041
            f977a5a8 80000001 993e08cd 54d6c123 0798""");

    @Test
    void protectsLibsrtpsRtpPacket() {
        byte[] buffer = Hex.withRoom(RTP, 20);

        int length = new SrtpSendContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER).protectRtp(buffer, 0, RTP.length);

        assertArrayEquals(SRTP, Arrays.copyOf(buffer, length));
    }

    @Test
    void unprotectsLibsrtpsRtpPacket() {
        byte[] buffer = SRTP.clone();

        int length = new SrtpReceiveContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER)
                .unprotectRtp(buffer, 0, buffer.length);

        assertArrayEquals(RTP, Arrays.copyOf(buffer, length));
    }

    @Test
    void protectsLibsrtpsRtcpPacket() {
        SrtpSendContext sender = new SrtpSendContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER);
        sender.startRtcpIndexAt(0xcafebabe, 1);
        byte[] buffer = Hex.withRoom(RTCP, 20);

        int length = sender.protectRtcp(buffer, 0, RTCP.length);

        assertArrayEquals(SRTCP, Arrays.copyOf(buffer, length));
    }

    @Test
    void unprotectsLibsrtpsRtcpPacket() {
        byte[] buffer = SRTCP.clone();

        int length = new SrtpReceiveContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER)
                .unprotectRtcp(buffer, 0, buffer.length);

        assertArrayEquals(RTCP, Arrays.copyOf(buffer, length));
    }

    @Test
    void matchesBouncyCastleForExtendedHeaderAfterSequenceWrap() {
        SrtpSendContext sender = new SrtpSendContext(SrtpProfile.AES128_CM_HMAC_SHA1_80, MASTER);
        int ssrc = 0x1234abcd;
        // Take the stream across the wrap so the packet below is sent with ROC 1.
        for (int seq : new int[] {65534, 65535}) {
            byte[] warmUp = Hex.withRoom(SrtpPackets.rtp(seq, ssrc, 10), 20);
            sender.protectRtp(warmUp, 0, warmUp.length - 20);
        }
        byte[] rtp = Hex.bytes("""
                92 6f 0003 0000d431 1234abcd  01020304 05060708
                bede 0002 10ff 2233 44556677
                c0c1c2c3 c4c5c6c7 c8c9cacb cccdcecf d0d1d2""");
        int headerLength = 12 + 8 + 12;
        byte[] buffer = Hex.withRoom(rtp, 20);

        int length = sender.protectRtp(buffer, 0, rtp.length);

        assertArrayEquals(bouncyCastleProtect(rtp, headerLength, ssrc, (1L << 16) | 3), Arrays.copyOf(buffer, length));
    }

    /** RFC 3711 §3-4 written out with BouncyCastle's AES-CTR and HMAC, from the B.3 session keys. */
    private static byte[] bouncyCastleProtect(byte[] rtp, int headerLength, int ssrc, long index) {
        byte[] encryptionKey = Hex.bytes("c61e7a93744f39ee10734afe3ff7a087");
        byte[] authenticationKey = Hex.bytes("cebe321f6ff7716b6fd4ab49af256a156d38baa4");
        byte[] salt = Hex.bytes("30cbbc08863d8c85d49db34a9ae1");
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        byte[] out = new byte[rtp.length + 10];
        System.arraycopy(rtp, 0, out, 0, headerLength);
        SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(encryptionKey), iv));
        ctr.processBytes(rtp, headerLength, rtp.length - headerLength, out, headerLength);
        HMac hmac = new HMac(new SHA1Digest());
        hmac.init(new KeyParameter(authenticationKey));
        hmac.update(out, 0, rtp.length);
        int roc = (int) (index >>> 16);
        hmac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc}, 0, 4);
        byte[] tag = new byte[20];
        hmac.doFinal(tag, 0);
        System.arraycopy(tag, 0, out, rtp.length, 10);
        return out;
    }
}

package dev.hearth.relay.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES_CM_128_HMAC_SHA1_80 for SRTP and SRTCP (RFC 3711): AES counter mode for confidentiality, HMAC-SHA1
 * truncated to 80 bits for authentication.
 *
 * <ul>
 *   <li>SRTP (§3.1, §4.1.1, §4.2): payload encrypted with IV {@code (salt * 2^16) XOR (SSRC * 2^64) XOR
 *       (index * 2^16)}; tag over header, encrypted payload and the 32-bit ROC.</li>
 *   <li>SRTCP (§3.4): everything after the first 8 bytes encrypted with the 31-bit SRTCP index in place of the
 *       packet index; the E-flag/index word is appended, then the tag over packet and word.</li>
 * </ul>
 *
 * <p>Receiving verifies the tag before decrypting, so a rejected packet is never touched. Nothing is allocated
 * per packet: the counter-mode helper and the {@link Mac} instances are keyed once and reused.
 */
final class AesCmHmacSha1Cipher implements PacketCipher {

    static final int TAG_LENGTH = 10;
    private static final int E_FLAG = 0x8000_0000;

    private final AesCounterMode rtpCounterMode;
    private final AesCounterMode rtcpCounterMode;
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final byte[] digest = new byte[20];
    private final byte[] word = new byte[4];

    /** Builds the transform from session keys; the caller may destroy them afterwards. */
    AesCmHmacSha1Cipher(SessionKeys rtp, SessionKeys rtcp) {
        rtpCounterMode = new AesCounterMode(rtp.encryptionKey());
        rtcpCounterMode = new AesCounterMode(rtcp.encryptionKey());
        rtpMac = hmac(rtp.authenticationKey());
        rtcpMac = hmac(rtcp.authenticationKey());
        rtpSalt = rtp.salt().clone();
        rtcpSalt = rtcp.salt().clone();
        if (rtpSalt.length != 14 || rtcpSalt.length != 14) {
            throw new IllegalArgumentException("AES-CM session salts must be 14 bytes");
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }

    @Override
    public int sealRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index) {
        counterIv(rtpSalt, ssrc, index);
        rtpCounterMode.apply(iv, a, offset + headerLength, length - headerLength);
        rtpTag(a, offset, length, (int) (index >>> 16));
        System.arraycopy(digest, 0, a, offset + length, TAG_LENGTH);
        return length + TAG_LENGTH;
    }

    @Override
    public int openRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index) {
        int authenticated = length - TAG_LENGTH;
        rtpTag(a, offset, authenticated, (int) (index >>> 16));
        if (!PacketBytes.constantTimeEquals(digest, 0, a, offset + authenticated, TAG_LENGTH)) {
            return SrtpResult.AUTHENTICATION_FAILED;
        }
        counterIv(rtpSalt, ssrc, index);
        rtpCounterMode.apply(iv, a, offset + headerLength, authenticated - headerLength);
        return authenticated;
    }

    @Override
    public int sealRtcp(byte[] a, int offset, int length, int ssrc, int index) {
        counterIv(rtcpSalt, ssrc, index);
        rtcpCounterMode.apply(iv, a, offset + PacketBytes.RTCP_HEADER, length - PacketBytes.RTCP_HEADER);
        PacketBytes.writeInt(a, offset + length, E_FLAG | index);
        rtcpMac.update(a, offset, length + 4);
        finish(rtcpMac);
        System.arraycopy(digest, 0, a, offset + length + 4, TAG_LENGTH);
        return length + 4 + TAG_LENGTH;
    }

    @Override
    public int openRtcp(byte[] a, int offset, int length, int ssrc, int indexWord) {
        int authenticated = length - TAG_LENGTH;
        rtcpMac.update(a, offset, authenticated);
        finish(rtcpMac);
        if (!PacketBytes.constantTimeEquals(digest, 0, a, offset + authenticated, TAG_LENGTH)) {
            return SrtpResult.AUTHENTICATION_FAILED;
        }
        int rtcpLength = authenticated - 4;
        if ((indexWord & E_FLAG) != 0) {
            counterIv(rtcpSalt, ssrc, indexWord & ~E_FLAG);
            rtcpCounterMode.apply(iv, a, offset + PacketBytes.RTCP_HEADER, rtcpLength - PacketBytes.RTCP_HEADER);
        }
        return rtcpLength;
    }

    private void rtpTag(byte[] a, int offset, int length, int roc) {
        rtpMac.update(a, offset, length);
        PacketBytes.writeInt(word, 0, roc);
        rtpMac.update(word, 0, 4);
        finish(rtpMac);
    }

    private void finish(Mac mac) {
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HMAC-SHA1 digest buffer sized wrongly", e);
        }
    }

    /** Writes {@code (salt * 2^16) XOR (ssrc * 2^64) XOR (index * 2^16)} into {@link #iv}. */
    private void counterIv(byte[] salt, int ssrc, long index) {
        byte[] v = iv;
        System.arraycopy(salt, 0, v, 0, 14);
        v[14] = 0;
        v[15] = 0;
        v[4] ^= (byte) (ssrc >>> 24);
        v[5] ^= (byte) (ssrc >>> 16);
        v[6] ^= (byte) (ssrc >>> 8);
        v[7] ^= (byte) ssrc;
        v[8] ^= (byte) (index >>> 40);
        v[9] ^= (byte) (index >>> 32);
        v[10] ^= (byte) (index >>> 24);
        v[11] ^= (byte) (index >>> 16);
        v[12] ^= (byte) (index >>> 8);
        v[13] ^= (byte) index;
    }
}

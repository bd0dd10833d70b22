package dev.hearth.relay.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714) on JCA {@code AES/GCM/NoPadding}.
 *
 * <ul>
 *   <li>SRTP IV (§8.1): {@code (00 00 || SSRC || ROC || SEQ) XOR salt}; AAD is the whole RTP header, extensions
 *       included; the 16-byte tag follows the ciphertext.</li>
 *   <li>SRTCP IV (§9.1): {@code (00 00 || SSRC || 00 00 || 0 || index) XOR salt}; AAD is the first 8 bytes plus
 *       the E-flag/index word, and the word goes after the tag. With E clear the whole packet is AAD and
 *       only a tag is computed.</li>
 * </ul>
 *
 * <p>Allocation JCA forces on us: a {@link GCMParameterSpec} per packet (GCM takes its IV only through
 * {@code init}, and the spec clones the IV), plus what the provider allocates inside {@code init}. Decryption
 * goes through a scratch buffer and is copied back only after the tag verifies, because the JDK may write or clear
 * its output before it reports a tag mismatch, and we promise to leave a rejected packet untouched.
 */
final class AesGcmCipher implements PacketCipher {

    static final int TAG_LENGTH = 16;
    private static final int IV_LENGTH = 12;
    private static final int E_FLAG = 0x8000_0000;

    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[IV_LENGTH];
    private final byte[] indexWord = new byte[4];
    private byte[] scratch = new byte[2048];

    /** Builds the transform from session keys; the caller may destroy them afterwards. */
    AesGcmCipher(SessionKeys rtp, SessionKeys rtcp) {
        try {
            rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
        rtpKey = new SecretKeySpec(rtp.encryptionKey(), "AES");
        rtcpKey = new SecretKeySpec(rtcp.encryptionKey(), "AES");
        rtpSalt = rtp.salt().clone();
        rtcpSalt = rtcp.salt().clone();
        if (rtpSalt.length != IV_LENGTH || rtcpSalt.length != IV_LENGTH) {
            throw new IllegalArgumentException("AES-GCM session salts must be " + IV_LENGTH + " bytes");
        }
    }

    @Override
    public int sealRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            rtpCipher.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            rtpCipher.updateAAD(a, offset, headerLength);
            int sealed = rtpCipher.doFinal(a, offset + headerLength, length - headerLength, a, offset + headerLength);
            return headerLength + sealed;
        } catch (GeneralSecurityException e) {
            return SrtpResult.CIPHER_REFUSED;
        }
    }

    @Override
    public int openRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index) {
        int sealedLength = length - headerLength;
        rtpIv(ssrc, index);
        try {
            rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            rtpCipher.updateAAD(a, offset, headerLength);
            byte[] out = scratch(sealedLength);
            int plain = rtpCipher.doFinal(a, offset + headerLength, sealedLength, out, 0);
            System.arraycopy(out, 0, a, offset + headerLength, plain);
            return headerLength + plain;
        } catch (AEADBadTagException e) {
            return SrtpResult.AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            return SrtpResult.CIPHER_REFUSED;
        }
    }

    @Override
    public int sealRtcp(byte[] a, int offset, int length, int ssrc, int index) {
        rtcpIv(ssrc, index);
        PacketBytes.writeInt(indexWord, 0, E_FLAG | index);
        int body = offset + PacketBytes.RTCP_HEADER;
        try {
            rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            rtcpCipher.updateAAD(a, offset, PacketBytes.RTCP_HEADER);
            rtcpCipher.updateAAD(indexWord, 0, 4);
            int sealed = rtcpCipher.doFinal(a, body, length - PacketBytes.RTCP_HEADER, a, body);
            int end = body + sealed;
            System.arraycopy(indexWord, 0, a, end, 4);
            return end + 4 - offset;
        } catch (GeneralSecurityException e) {
            return SrtpResult.CIPHER_REFUSED;
        }
    }

    @Override
    public int openRtcp(byte[] a, int offset, int length, int ssrc, int indexWord) {
        int wordAt = offset + length - 4;
        rtcpIv(ssrc, indexWord & ~E_FLAG);
        try {
            rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            if ((indexWord & E_FLAG) != 0) {
                int body = offset + PacketBytes.RTCP_HEADER;
                int sealedLength = wordAt - body;
                rtcpCipher.updateAAD(a, offset, PacketBytes.RTCP_HEADER);
                rtcpCipher.updateAAD(a, wordAt, 4);
                byte[] out = scratch(sealedLength);
                int plain = rtcpCipher.doFinal(a, body, sealedLength, out, 0);
                System.arraycopy(out, 0, a, body, plain);
                return PacketBytes.RTCP_HEADER + plain;
            }
            // Unencrypted SRTCP (RFC 7714 §9, E flag clear): everything before the tag is AAD, the "ciphertext" is the tag.
            int tagAt = wordAt - TAG_LENGTH;
            rtcpCipher.updateAAD(a, offset, tagAt - offset);
            rtcpCipher.updateAAD(a, wordAt, 4);
            rtcpCipher.doFinal(a, tagAt, TAG_LENGTH, scratch(TAG_LENGTH), 0);
            return tagAt - offset;
        } catch (AEADBadTagException e) {
            return SrtpResult.AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            return SrtpResult.CIPHER_REFUSED;
        }
    }

    /** Test hook for RFC 7714's unencrypted SRTCP vector (§17): seals with the E flag clear. */
    int sealRtcpUnencrypted(byte[] a, int offset, int length, int ssrc, int index) {
        rtcpIv(ssrc, index);
        PacketBytes.writeInt(indexWord, 0, index);
        try {
            rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            rtcpCipher.updateAAD(a, offset, length);
            rtcpCipher.updateAAD(indexWord, 0, 4);
            int tag = rtcpCipher.doFinal(a, offset + length, 0, a, offset + length);
            System.arraycopy(indexWord, 0, a, offset + length + tag, 4);
            return length + tag + 4;
        } catch (GeneralSecurityException e) {
            return SrtpResult.CIPHER_REFUSED;
        }
    }

    private void rtpIv(int ssrc, long index) {
        byte[] v = iv;
        byte[] s = rtpSalt;
        int roc = (int) (index >>> 16);
        v[0] = s[0];
        v[1] = s[1];
        v[2] = (byte) (s[2] ^ (ssrc >>> 24));
        v[3] = (byte) (s[3] ^ (ssrc >>> 16));
        v[4] = (byte) (s[4] ^ (ssrc >>> 8));
        v[5] = (byte) (s[5] ^ ssrc);
        v[6] = (byte) (s[6] ^ (roc >>> 24));
        v[7] = (byte) (s[7] ^ (roc >>> 16));
        v[8] = (byte) (s[8] ^ (roc >>> 8));
        v[9] = (byte) (s[9] ^ roc);
        v[10] = (byte) (s[10] ^ (index >>> 8));
        v[11] = (byte) (s[11] ^ index);
    }

    private void rtcpIv(int ssrc, int index) {
        byte[] v = iv;
        byte[] s = rtcpSalt;
        v[0] = s[0];
        v[1] = s[1];
        v[2] = (byte) (s[2] ^ (ssrc >>> 24));
        v[3] = (byte) (s[3] ^ (ssrc >>> 16));
        v[4] = (byte) (s[4] ^ (ssrc >>> 8));
        v[5] = (byte) (s[5] ^ ssrc);
        v[6] = s[6];
        v[7] = s[7];
        v[8] = (byte) (s[8] ^ (index >>> 24));
        v[9] = (byte) (s[9] ^ (index >>> 16));
        v[10] = (byte) (s[10] ^ (index >>> 8));
        v[11] = (byte) (s[11] ^ index);
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        return scratch;
    }
}

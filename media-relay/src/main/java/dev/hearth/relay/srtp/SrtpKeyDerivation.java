package dev.hearth.relay.srtp;

import java.util.Arrays;

/**
 * The SRTP key derivation function of RFC 3711 §4.3 with the AES-CM PRF and a key derivation rate of zero
 * (the only rate DTLS-SRTP uses), which RFC 7714 §11 reuses unchanged for AES-GCM.
 *
 * <p>With kdr = 0 every session key is {@code AES-CM(master_key, IV = (master_salt XOR label << 48) * 2^16)},
 * truncated to the wanted length. A 12-byte GCM master salt is zero-padded on the right to 14 bytes first,
 * which is what libsrtp (and so every browser) does.
 */
final class SrtpKeyDerivation {

    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTHENTICATION = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTHENTICATION = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    /** HMAC-SHA1 session authentication keys are 160 bits (RFC 3711 §8.2). */
    static final int HMAC_SHA1_KEY_LENGTH = 20;

    private static final int PRF_SALT_LENGTH = 14;

    private SrtpKeyDerivation() {
    }

    /** Session keys for SRTP (labels 0, 1, 2). */
    static SessionKeys rtp(SrtpProfile profile, SrtpMasterKey master) {
        return derive(profile, master, LABEL_RTP_ENCRYPTION, LABEL_RTP_AUTHENTICATION, LABEL_RTP_SALT);
    }

    /** Session keys for SRTCP (labels 3, 4, 5). */
    static SessionKeys rtcp(SrtpProfile profile, SrtpMasterKey master) {
        return derive(profile, master, LABEL_RTCP_ENCRYPTION, LABEL_RTCP_AUTHENTICATION, LABEL_RTCP_SALT);
    }

    private static SessionKeys derive(SrtpProfile profile, SrtpMasterKey master,
                                      int encryptionLabel, int authenticationLabel, int saltLabel) {
        master.requireFits(profile);
        byte[] masterKey = master.key();
        byte[] masterSalt = master.salt();
        AesCounterMode prf = new AesCounterMode(masterKey);
        byte[] encryption = derive(prf, masterSalt, encryptionLabel, profile.masterKeyLength());
        byte[] salt = derive(prf, masterSalt, saltLabel, profile.masterSaltLength());
        byte[] authentication = profile.isAead()
                ? new byte[0]
                : derive(prf, masterSalt, authenticationLabel, HMAC_SHA1_KEY_LENGTH);
        Arrays.fill(masterKey, (byte) 0);
        Arrays.fill(masterSalt, (byte) 0);
        return new SessionKeys(encryption, authentication, salt);
    }

    /** The PRF output for one label, exposed to the tests that check RFC 3711 Appendix B.3. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        return derive(new AesCounterMode(masterKey), masterSalt, label, length);
    }

    private static byte[] derive(AesCounterMode prf, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[AesCounterMode.BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, PRF_SALT_LENGTH));
        // key_id = label || index DIV kdr (48 zero bits) is 56 bits wide, so the label lands on salt byte 7.
        iv[7] ^= (byte) label;
        byte[] out = new byte[length];
        prf.apply(iv, out, 0, length);
        return out;
    }
}

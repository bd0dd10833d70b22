package dev.hearth.relay.srtp;

import java.util.Arrays;

/**
 * The session keys derived for one of SRTP or SRTCP in one direction. The authentication key is empty for the
 * AEAD profile, whose tag comes from GCM itself.
 */
record SessionKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] salt) {

    /** Overwrites the key bytes once the ciphers have taken their own copies. */
    void destroy() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(authenticationKey, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SessionKeys[redacted]";
    }
}

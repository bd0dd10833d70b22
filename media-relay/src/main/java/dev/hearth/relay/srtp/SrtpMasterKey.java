package dev.hearth.relay.srtp;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One direction's SRTP master key and master salt. Arrays are copied in and out so that no caller can change
 * the key behind a context's back; {@link #toString()} never shows the bytes.
 */
public record SrtpMasterKey(byte[] key, byte[] salt) {

    public SrtpMasterKey {
        if (key == null || salt == null) {
            throw new IllegalArgumentException("master key and salt are required");
        }
        key = key.clone();
        salt = salt.clone();
    }

    /** Checks the lengths against a profile, so a mismatch fails when a context is built, not per packet. */
    public SrtpMasterKey requireFits(SrtpProfile profile) {
        if (key.length != profile.masterKeyLength() || salt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException("master key/salt of " + key.length + "/" + salt.length
                    + " bytes do not fit " + profile + " (" + profile.masterKeyLength() + "/"
                    + profile.masterSaltLength() + ")");
        }
        return this;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMasterKey that
                && MessageDigest.isEqual(key, that.key)
                && MessageDigest.isEqual(salt, that.salt);
    }

    @Override
    public int hashCode() {
        // Deliberately weak: hashing key bytes into a public int would leak a little of the key.
        return key.length * 31 + salt.length;
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[key=" + key.length + " bytes, salt=" + salt.length + " bytes]";
    }

    /** Overwrites this object's copies; contexts already built keep working. */
    void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }
}

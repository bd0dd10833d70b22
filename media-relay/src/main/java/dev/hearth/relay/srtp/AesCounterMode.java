package dev.hearth.relay.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 §4.1.1 defines it (AES-CM): keystream block {@code j} is
 * {@code AES(key, IV + j)}, XORed over the data.
 *
 * <p>Built on a keyed {@code AES/ECB/NoPadding} cipher that is initialised once: per packet we write the counter
 * blocks ourselves and encrypt them in one {@code update} call. JCA's {@code AES/CTR} would need a fresh
 * {@code init} (and an {@code IvParameterSpec} allocation) for every packet, because its IV is fixed at init.
 * Scratch buffers grow to the largest packet seen and are then reused, so the steady state allocates nothing.
 *
 * <p>Not thread-safe: one instance belongs to one context.
 */
final class AesCounterMode {

    static final int BLOCK = 16;

    private final Cipher ecb;
    private byte[] counters = new byte[0];
    private byte[] keystream = new byte[0];

    AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }

    /**
     * XORs the keystream that starts at {@code iv} over {@code data[offset, offset + length)}, in place.
     * Encryption and decryption are the same operation.
     */
    void apply(byte[] iv, byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        int blocks = (length + BLOCK - 1) / BLOCK;
        int bytes = blocks * BLOCK;
        if (counters.length < bytes) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        byte[] c = counters;
        int high = (iv[12] & 0xff) << 24 | (iv[13] & 0xff) << 16 | (iv[14] & 0xff) << 8 | (iv[15] & 0xff);
        for (int j = 0, at = 0; j < blocks; j++, at += BLOCK) {
            System.arraycopy(iv, 0, c, at, 12);
            int low = high + j;
            c[at + 12] = (byte) (low >>> 24);
            c[at + 13] = (byte) (low >>> 16);
            c[at + 14] = (byte) (low >>> 8);
            c[at + 15] = (byte) low;
        }
        try {
            ecb.update(c, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("keystream buffer sized wrongly", e);
        }
        byte[] k = keystream;
        for (int i = 0; i < length; i++) {
            data[offset + i] ^= k[i];
        }
    }
}

package dev.hearth.relay.recording;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over the chunks of one recording. The associated data is the header digest, the chunk index and the
 * final flag: a changed byte, a chunk moved to another index, a chunk from another recording or a dropped final
 * chunk all fail authentication or the count check. The nonce is the recording's random prefix and the chunk index,
 * so it never repeats under the recording's key.
 */
final class ChunkCipher {
    static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    private final byte[] headerDigest;
    private final byte[] noncePrefix;
    private final Cipher cipher;

    ChunkCipher(byte[] dataKey, RecordingHeader header) {
        this.key = new SecretKeySpec(dataKey, "AES");
        this.headerDigest = header.digest();
        this.noncePrefix = header.noncePrefix().clone();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    byte[] seal(long index, boolean last, byte[] plaintext, int length) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(index)));
            cipher.updateAAD(associatedData(index, last));
            return cipher.doFinal(plaintext, 0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    /** @throws RecordingException {@code corrupt} when the chunk does not authenticate at this index */
    byte[] open(long index, boolean last, byte[] ciphertext) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(index)));
            cipher.updateAAD(associatedData(index, last));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new RecordingException(RecordingException.CORRUPT,
                    "chunk " + index + " failed authentication (changed, reordered, truncated or spliced)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt", e);
        }
    }

    private byte[] nonce(long index) {
        return ByteBuffer.allocate(12).put(noncePrefix).putLong(index).array();
    }

    private byte[] associatedData(long index, boolean last) {
        byte[] aad = Arrays.copyOf(headerDigest, headerDigest.length + 9);
        ByteBuffer.wrap(aad, headerDigest.length, 9).putLong(index).put((byte) (last ? 1 : 0));
        return aad;
    }
}

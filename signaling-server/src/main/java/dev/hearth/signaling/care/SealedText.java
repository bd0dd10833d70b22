package dev.hearth.signaling.care;

import dev.hearth.signaling.audit.SealedBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Text kept at rest, {@link SealedBytes} under a key of its own purpose (a subkey of the master key) with the
 * purpose and the record's identity as associated data, so sealed text moved to another record does not open.
 */
final class SealedText {

    private final byte[] key;
    private final String purpose;

    SealedText(byte[] key, String purpose) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = key.clone();
        this.purpose = Objects.requireNonNull(purpose);
    }

    /** Base64 of nonce, ciphertext and tag. */
    String seal(String recordId, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        try {
            return SealedBytes.seal(key, associatedData(recordId), plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The text, or empty when it was changed, belongs to another record or another key sealed it. */
    Optional<String> open(String recordId, String sealed) {
        return SealedBytes.open(key, associatedData(recordId), sealed)
                .map(plain -> new String(plain, StandardCharsets.UTF_8));
    }

    private byte[] associatedData(String recordId) {
        return (purpose + "\0" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}

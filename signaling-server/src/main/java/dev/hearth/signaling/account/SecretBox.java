package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.SealedBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small account secrets (the two-step sign-in secret) for {@code accounts.json}: {@link SealedBytes} under a
 * key derived from the master key, with the account id as associated data, so a sealed value copied onto another
 * account does not open. Whoever has the data directory but not the master key (kept apart, HEARTH_MASTER_KEY)
 * cannot make codes.
 */
public final class SecretBox {

    private static final byte[] PURPOSE = "hearth staff second-factor secrets v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    public SecretBox(byte[] masterKey) {
        if (masterKey == null || masterKey.length < 32) {
            throw new IllegalArgumentException("the master key must be at least 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            this.key = mac.doFinal(PURPOSE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** base64 of nonce, ciphertext and tag. */
    public String seal(byte[] secret, String accountId) {
        return SealedBytes.seal(key, accountId.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The secret, or empty when the value was changed, belongs to another account or another key sealed it. */
    public Optional<byte[]> open(String sealed, String accountId) {
        return SealedBytes.open(key, accountId.getBytes(StandardCharsets.UTF_8), sealed);
    }
}

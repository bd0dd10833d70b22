package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.Ed25519Key;
import java.nio.file.Path;

/**
 * The server's Ed25519 key for the consent ledger. The private key, {@code <dataDir>/ledger-signing.key}, is
 * 32 random bytes made on first start, readable by the server's user only; the public key is written beside it
 * as {@code ledger-signing.pub} (base64) so that an operator can hand it to whoever checks exported ledgers.
 *
 * <p>Losing the private key does not invalidate ledgers already written (they verify against the public key);
 * new entries would be signed by a new key, which a verifier given the old public key rejects.
 */
public final class LedgerSigningKey {

    public static final String PRIVATE_FILE = "ledger-signing.key";
    public static final String PUBLIC_FILE = "ledger-signing.pub";

    private final Ed25519Key key;

    private LedgerSigningKey(Ed25519Key key) {
        this.key = key;
    }

    public static LedgerSigningKey loadOrCreate(Path dataDir) {
        return new LedgerSigningKey(Ed25519Key.loadOrCreate(dataDir.resolve(PRIVATE_FILE), dataDir.resolve(PUBLIC_FILE)));
    }

    /** A key that lives in memory only, for tests and tools. */
    public static LedgerSigningKey generate() {
        return new LedgerSigningKey(Ed25519Key.generate());
    }

    public byte[] sign(byte[] content) {
        return key.sign(content);
    }

    public byte[] publicKey() {
        return key.publicKey();
    }

    public String publicKeyBase64() {
        return key.publicKeyBase64();
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code content} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] content, byte[] signature) {
        return Ed25519Key.verify(publicKey, content, signature);
    }

    @Override
    public String toString() {
        return "LedgerSigningKey[public=" + publicKeyBase64() + "]";
    }
}

package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

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

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private LedgerSigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    public static LedgerSigningKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(PRIVATE_FILE);
        try {
            if (!Files.exists(file)) {
                Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
                try {
                    PrivateFiles.createNew(file, fresh.getEncoded());
                } catch (FileAlreadyExistsException raced) {
                    // Another start created it between our check and create: use theirs.
                }
            }
            byte[] encoded = Files.readAllBytes(file);
            if (encoded.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new IllegalStateException(file + " must hold exactly " + Ed25519PrivateKeyParameters.KEY_SIZE
                        + " bytes; restore it from a backup (a new key cannot sign on behalf of the old one)");
            }
            LedgerSigningKey key = new LedgerSigningKey(new Ed25519PrivateKeyParameters(encoded, 0));
            writePublicKey(dataDir.resolve(PUBLIC_FILE), key.publicKeyBase64());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger signing key " + file, e);
        }
    }

    /** A key that lives in memory only, for tests and tools. */
    public static LedgerSigningKey generate() {
        return new LedgerSigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    public byte[] sign(byte[] content) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(content, 0, content.length);
        return signer.generateSignature();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code content} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] content, byte[] signature) {
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(content, 0, content.length);
        return verifier.verifySignature(signature);
    }

    private static void writePublicKey(Path file, String base64) throws IOException {
        String content = base64 + "\n";
        if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(content)) {
            return;
        }
        // Rewritten when missing or stale, so the exported file always matches the key in use.
        PrivateFiles.writeAtomically(file, content.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "LedgerSigningKey[public=" + publicKeyBase64() + "]";
    }
}

package dev.hearth.signaling.audit;

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
 * One of the server's Ed25519 signing keys (the consent ledger's, the audit log's): 32 random private bytes made
 * on first start in a file readable by the server's user only, with the public key written beside it (base64) so
 * an operator can hand it to whoever checks what the key signed, or pin it somewhere the server cannot write.
 */
public final class Ed25519Key {

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final boolean createdNow;

    private Ed25519Key(Ed25519PrivateKeyParameters privateKey, boolean createdNow) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.createdNow = createdNow;
    }

    /**
     * The key in {@code privateFile}, made there when missing, with its public half (re)written to
     * {@code publicFile} when missing or stale.
     *
     * @throws IllegalStateException when the file does not hold a key: a new key cannot sign for the old one
     */
    public static Ed25519Key loadOrCreate(Path privateFile, Path publicFile) {
        try {
            boolean created = false;
            if (!Files.exists(privateFile)) {
                Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
                try {
                    PrivateFiles.createNew(privateFile, fresh.getEncoded());
                    created = true;
                } catch (FileAlreadyExistsException raced) {
                    // Another start created it between our check and create: use theirs.
                }
            }
            byte[] encoded = Files.readAllBytes(privateFile);
            if (encoded.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new IllegalStateException(privateFile + " must hold exactly " + Ed25519PrivateKeyParameters.KEY_SIZE
                        + " bytes; restore it from a backup (a new key cannot sign on behalf of the old one)");
            }
            Ed25519Key key = new Ed25519Key(new Ed25519PrivateKeyParameters(encoded, 0), created);
            writePublicKey(publicFile, key.publicKeyBase64());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + privateFile, e);
        }
    }

    /** A key that lives in memory only, for tests and tools. */
    public static Ed25519Key generate() {
        return new Ed25519Key(new Ed25519PrivateKeyParameters(new SecureRandom()), true);
    }

    /** True when this start made the key: nothing can have been signed with it before. */
    public boolean createdNow() {
        return createdNow;
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
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE
                || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
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

    /** The public half only. */
    @Override
    public String toString() {
        return "Ed25519Key[public=" + publicKeyBase64() + "]";
    }
}

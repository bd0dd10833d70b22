package dev.hearth.relay.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that wraps every recording's data key. It comes from {@code HEARTH_MASTER_KEY} (base64 of 32 bytes), or
 * from {@code <dataDir>/master.key}, generated on first start with owner-only permissions. A key file next to the
 * data protects against a stolen disk only if it is kept apart from the data, hence the warning.
 */
public final class MasterKey {
    public static final String ENVIRONMENT_VARIABLE = "HEARTH_MASTER_KEY";
    public static final String FILE_NAME = "master.key";
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random;

    private MasterKey(byte[] raw, SecureRandom random) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be base64 of exactly 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = keyId(raw);
        this.random = random;
        Arrays.fill(raw, (byte) 0);
    }

    /** A master key from raw bytes (tests, or an operator's own key management). */
    public static MasterKey of(byte[] raw) {
        return new MasterKey(raw.clone(), new SecureRandom());
    }

    /**
     * The key from {@code environmentValue} (base64) when present, else from the key file in {@code dataDir},
     * created on first use.
     *
     * @throws IllegalArgumentException when the variable is not base64 of 32 bytes
     * @throws RecordingException       {@code io} when the key file cannot be read or created
     */
    public static MasterKey load(Optional<String> environmentValue, Path dataDir) {
        if (environmentValue.isPresent() && !environmentValue.get().isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(environmentValue.get().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be base64 of exactly 32 bytes");
            }
            return new MasterKey(raw, new SecureRandom());
        }
        return fromFile(dataDir.resolve(FILE_NAME));
    }

    private static MasterKey fromFile(Path file) {
        try {
            OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return new MasterKey(raw, new SecureRandom());
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordingException(RecordingException.IO, "the master key file cannot be used: " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(raw, (byte) 0);
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.file(file.toAbsolutePath().getParent()))) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            // Another start created it first: use theirs, never replace a key that may already wrap recordings.
            return;
        }
        LOG.warn("event=master_key_generated file={} warning=\"embedded mode: recordings are encrypted with this key;"
                + " back it up and keep it apart from the data directory (or set {}), or recordings are lost with"
                + " it or readable by whoever takes both\"", file, ENVIRONMENT_VARIABLE);
    }

    /** Names the key without revealing it, so a recording tells which master key wrapped it. */
    public String keyId() {
        return keyId;
    }

    /**
     * A 32-byte key for {@code purpose} (HKDF-SHA256 of the master key, info {@code "hearth-master-subkey/1\0"
     * + purpose}): records signaling keeps outside any recording (attendance names, incident reports) are sealed
     * under their own subkey, so none of them reveals the master key or another purpose's key.
     */
    public byte[] subKey(String purpose) {
        return SubKeys.derive(key.getEncoded(), "hearth-master-subkey/1", purpose);
    }

    /** AES-256-GCM: nonce followed by ciphertext and tag. */
    byte[] wrap(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext, or empty when the blob was changed, belongs elsewhere, or another key wrapped it. */
    Optional<byte[]> unwrap(byte[] wrapped, byte[] associatedData) {
        if (wrapped.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static String keyId(byte[] raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("hearth master key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + keyId + "]";
    }
}

package dev.hearth.signaling.recording;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A recording's participant ids and first names as the catalog stores them: AES-256-GCM under the recording's
 * catalog key (derived from its data key by the archive), with the recording id in the associated data so sealed
 * names moved to another entry do not open. Shredding the recording destroys that key, and with it every copy of
 * these names, backups included.
 */
final class SealedNames {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_NAMES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedNames() {
    }

    /** Base64 of nonce, ciphertext and tag. */
    static String seal(byte[] key, String recordingId, Map<String, String> names) {
        byte[] plain = encode(names);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(recordingId));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The names, or empty when the text was changed, belongs to another recording or another key sealed it. */
    static Optional<Map<String, String>> open(byte[] key, String recordingId, String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(recordingId));
            plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
        try {
            return Optional.of(decode(plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] associatedData(String recordingId) {
        return ("hearth-catalog-names/2\0" + recordingId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(Map<String, String> names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(names.size());
            for (Map.Entry<String, String> name : names.entrySet()) {
                out.writeUTF(name.getKey());
                out.writeUTF(name.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Authenticated bytes that still do not decode were written by a broken build: refused, not guessed at. */
    private static Map<String, String> decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int count = in.readInt();
            if (count < 0 || count > MAX_NAMES) {
                throw new IllegalArgumentException("sealed names hold an impossible count");
            }
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                names.put(in.readUTF(), in.readUTF());
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("sealed names carry trailing bytes");
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("sealed names are truncated");
        }
    }
}

package dev.hearth.signaling.recording;

import dev.hearth.signaling.audit.SealedBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A recording's participant ids and first names as the catalog stores them: {@link SealedBytes} under the recording's
 * catalog key (derived from its data key by the archive), with the recording id in the associated data so sealed
 * names moved to another entry do not open. Shredding the recording destroys that key, and with it every copy of
 * these names, backups included.
 */
final class SealedNames {

    private static final int MAX_NAMES = 4096;

    private SealedNames() {
    }

    /** Base64 of nonce, ciphertext and tag. */
    static String seal(byte[] key, String recordingId, Map<String, String> names) {
        byte[] plain = encode(names);
        try {
            return SealedBytes.seal(key, associatedData(recordingId), plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The names, or empty when the text was changed, belongs to another recording or another key sealed it. */
    static Optional<Map<String, String>> open(byte[] key, String recordingId, String sealed) {
        Optional<byte[]> plain = SealedBytes.open(key, associatedData(recordingId), sealed);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(plain.get()));
        } finally {
            Arrays.fill(plain.get(), (byte) 0);
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

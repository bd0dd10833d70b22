package dev.hearth.signaling.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The unambiguous byte form that hash-chained records (audit entries, consent-ledger entries) are hashed and
 * signed over: every text is length-prefixed, so no two different records can encode to the same bytes.
 */
public final class CanonicalBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    public CanonicalBytes text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        number32(utf8.length);
        bytes.writeBytes(utf8);
        return this;
    }

    public CanonicalBytes number(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (value >>> shift));
        }
        return this;
    }

    /** The entries in the map's own iteration order (callers pass sorted maps). */
    public CanonicalBytes texts(Map<String, String> entries) {
        number32(entries.size());
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            text(entry.getKey());
            text(entry.getValue());
        }
        return this;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void number32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write(value >>> shift);
        }
    }
}

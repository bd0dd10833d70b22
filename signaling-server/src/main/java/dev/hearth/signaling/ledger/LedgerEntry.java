package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.CanonicalBytes;
import dev.hearth.signaling.audit.PlainJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One signed line of a recording's consent ledger.
 *
 * <p>{@code hash} is the hex SHA-256 of {@link #signedContent()}, a length-prefixed encoding of every other
 * field including {@code prevHash}; {@code signature} is the base64 Ed25519 signature of the same bytes. So a
 * changed field breaks the hash and the signature, and a removed or moved entry breaks the next link.
 *
 * @param participant the pseudonymous participant id the entry is about, or "" when it is about the recording
 */
public record LedgerEntry(
        String recordingId,
        long seq,
        Instant at,
        String type,
        String participant,
        Map<String, String> details,
        String prevHash,
        String hash,
        String signature) {

    /** The prevHash of a ledger's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final String DOMAIN = "hearth-consent-ledger-entry-v1";
    private static final int FIELDS = 9;

    public LedgerEntry {
        // Sorted and immutable, so the signed encoding does not depend on the caller's map.
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** The exact bytes that are hashed and signed. */
    public byte[] signedContent() {
        return new CanonicalBytes().text(DOMAIN).text(recordingId).number(seq).text(at.toString()).text(type)
                .text(participant).texts(details).text(prevHash).toByteArray();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", recordingId);
        json.put("seq", seq);
        json.put("at", at.toString());
        json.put("type", type);
        json.put("participant", participant);
        json.put("details", details);
        json.put("prevHash", prevHash);
        json.put("hash", hash);
        json.put("signature", signature);
        return json;
    }

    String toJsonLine() {
        return PlainJson.write(toJson());
    }

    static LedgerEntry fromJsonLine(String line) {
        return fromJson(PlainJson.parseObject(line));
    }

    /**
     * Reads an entry exactly as written: extra or missing fields, or a time stamp not in the canonical form,
     * make it unreadable rather than silently normalised (which could make a changed entry verify).
     */
    static LedgerEntry fromJson(Map<String, Object> json) {
        if (json.size() != FIELDS) {
            throw new LedgerFormatException("a ledger entry has exactly " + FIELDS + " fields");
        }
        String atText = text(json, "at");
        Instant at;
        try {
            at = Instant.parse(atText);
        } catch (DateTimeParseException e) {
            throw new LedgerFormatException("'at' is not a time stamp");
        }
        if (!at.toString().equals(atText)) {
            throw new LedgerFormatException("'at' is not in canonical form");
        }
        if (!(json.get("seq") instanceof Long seq)) {
            throw new LedgerFormatException("'seq' must be a number");
        }
        if (!(json.get("details") instanceof Map<?, ?> rawDetails)) {
            throw new LedgerFormatException("'details' must be an object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<?, ?> detail : rawDetails.entrySet()) {
            if (!(detail.getValue() instanceof String value)) {
                throw new LedgerFormatException("detail values must be strings");
            }
            details.put((String) detail.getKey(), value);
        }
        return new LedgerEntry(text(json, "recordingId"), seq, at, text(json, "type"), text(json, "participant"),
                details, text(json, "prevHash"), text(json, "hash"), text(json, "signature"));
    }

    static String text(Map<String, Object> json, String key) {
        if (json.get(key) instanceof String value) {
            return value;
        }
        throw new LedgerFormatException("'" + key + "' must be a string");
    }
}

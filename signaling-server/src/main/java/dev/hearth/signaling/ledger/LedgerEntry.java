package dev.hearth.signaling.ledger;

import dev.hearth.signaling.audit.CanonicalBytes;
import dev.hearth.signaling.audit.StrictJson;
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

    /** The line as written: the fields in this order, the time in {@link Instant#toString()} form. */
    record Line(String recordingId, long seq, String at, String type, String participant, Map<String, String> details,
                String prevHash, String hash, String signature) {
    }

    String toJsonLine() {
        return StrictJson.write(toJson());
    }

    static LedgerEntry fromJsonLine(String line) {
        return fromLine(StrictJson.read(line, Line.class, "a ledger entry"));
    }

    /**
     * Reads an entry exactly as written: extra, missing or null fields, or a time stamp not in the canonical
     * form, make it unreadable rather than silently normalised (which could make a changed entry verify).
     */
    static LedgerEntry fromLine(Line json) {
        Instant at;
        try {
            at = Instant.parse(json.at());
        } catch (DateTimeParseException e) {
            throw new LedgerFormatException("'at' is not a time stamp");
        }
        if (!at.toString().equals(json.at())) {
            throw new LedgerFormatException("'at' is not in canonical form");
        }
        return new LedgerEntry(json.recordingId(), json.seq(), at, json.type(), json.participant(), json.details(),
                json.prevHash(), json.hash(), json.signature());
    }
}

package dev.hearth.signaling.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the audit log. {@code hash} is SHA-256 over a canonical, length-prefixed encoding of
 * every other field including {@code prevHash}, so changing any field, or the order of entries, breaks
 * the chain from that entry on.
 */
public record AuditEntry(
        long seq,
        Instant at,
        String type,
        String actor,
        String subject,
        Map<String, String> details,
        String prevHash,
        String hash) {

    /** The prevHash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final String DOMAIN = "hearth-audit-v1";

    public AuditEntry {
        // Sorted and immutable: the canonical encoding does not depend on the caller's map.
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    static AuditEntry sealed(long seq, Instant at, String type, String actor, String subject,
                             Map<String, String> details, String prevHash) {
        AuditEntry draft = new AuditEntry(seq, at, type, actor, subject, details, prevHash, "");
        return new AuditEntry(seq, at, type, actor, subject, details, prevHash, draft.computeHash());
    }

    /** True when {@link #hash()} is the hash of this entry's content. */
    public boolean hashIsIntact() {
        return MessageDigest.isEqual(
                computeHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.UTF_8));
    }

    String computeHash() {
        CanonicalBytes bytes = new CanonicalBytes().text(DOMAIN).number(seq).text(at.toString()).text(type)
                .text(actor).text(subject).texts(details).text(prevHash);
        return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
    }


    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String toJsonLine() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", seq);
        json.put("at", at.toString());
        json.put("type", type);
        json.put("actor", actor);
        json.put("subject", subject);
        json.put("details", details);
        json.put("prevHash", prevHash);
        json.put("hash", hash);
        return PlainJson.write(json);
    }

    /**
     * Reads one line exactly as written: extra or missing fields, or a time stamp not in the form we
     * write, make the line unreadable rather than silently normalised.
     */
    static AuditEntry fromJsonLine(String line) {
        Map<String, Object> json = PlainJson.parseObject(line);
        if (json.size() != 8) {
            throw new PlainJson.ParseException("an audit entry has exactly 8 fields");
        }
        String atText = text(json, "at");
        Instant at;
        try {
            at = Instant.parse(atText);
        } catch (DateTimeParseException e) {
            throw new PlainJson.ParseException("'at' is not a time stamp");
        }
        if (!at.toString().equals(atText)) {
            throw new PlainJson.ParseException("'at' is not in canonical form");
        }
        if (!(json.get("seq") instanceof Long seq)) {
            throw new PlainJson.ParseException("'seq' must be a number");
        }
        if (!(json.get("details") instanceof Map<?, ?> rawDetails)) {
            throw new PlainJson.ParseException("'details' must be an object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<?, ?> detail : rawDetails.entrySet()) {
            if (!(detail.getValue() instanceof String value)) {
                throw new PlainJson.ParseException("detail values must be strings");
            }
            details.put((String) detail.getKey(), value);
        }
        return new AuditEntry(seq, at, text(json, "type"), text(json, "actor"), text(json, "subject"),
                details, text(json, "prevHash"), text(json, "hash"));
    }

    private static String text(Map<String, Object> json, String key) {
        if (json.get(key) instanceof String value) {
            return value;
        }
        throw new PlainJson.ParseException("'" + key + "' must be a string");
    }
}

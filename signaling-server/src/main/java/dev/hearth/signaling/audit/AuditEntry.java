package dev.hearth.signaling.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HexFormat;
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

    /** The line as written: the fields in this order, the time in {@link Instant#toString()} form. */
    record Line(long seq, String at, String type, String actor, String subject, Map<String, String> details,
                String prevHash, String hash) {
    }

    String toJsonLine() {
        return StrictJson.write(new Line(seq, at.toString(), type, actor, subject, details, prevHash, hash));
    }

    /**
     * Reads one line exactly as written: extra, missing or null fields, values of another type, or a time stamp
     * not in the form we write, make the line unreadable rather than silently normalised.
     *
     * @throws StrictJson.ParseException saying which field is wrong
     */
    static AuditEntry fromJsonLine(String line) {
        Line json = StrictJson.read(line, Line.class, "an audit entry");
        Instant at;
        try {
            at = Instant.parse(json.at());
        } catch (DateTimeParseException e) {
            throw new StrictJson.ParseException("'at' is not a time stamp");
        }
        if (!at.toString().equals(json.at())) {
            throw new StrictJson.ParseException("'at' is not in canonical form");
        }
        return new AuditEntry(json.seq(), at, json.type(), json.actor(), json.subject(), json.details(),
                json.prevHash(), json.hash());
    }
}

package dev.hearth.signaling.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed statement, kept in {@code <dataDir>/audit.head}, of how far the audit chain reached at a moment:
 * its first kept entry, its newest entry and that entry's hash, Ed25519-signed over {@link CanonicalBytes}.
 * An unkeyed hash chain cannot tell that its newest entries were cut off or that it was re-hashed from scratch;
 * against a head signed by a key the editor does not hold, both show.
 *
 * @param firstSeq the first entry the log keeps (raised only by the audit purge)
 * @param seq      the newest entry; {@code firstSeq - 1} when the log holds none
 * @param hash     that entry's hash (the anchor's previous hash when the log holds none)
 */
record AuditHead(long firstSeq, long seq, String hash, Instant at, byte[] signature) {

    private static final String DOMAIN = "hearth-audit-head/1";

    static AuditHead signed(long firstSeq, long seq, String hash, Instant at, Ed25519Key key) {
        return new AuditHead(firstSeq, seq, hash, at, key.sign(signedBytes(firstSeq, seq, hash, at)));
    }

    boolean signedBy(byte[] publicKey) {
        return Ed25519Key.verify(publicKey, signedBytes(firstSeq, seq, hash, at), signature);
    }

    private static byte[] signedBytes(long firstSeq, long seq, String hash, Instant at) {
        return new CanonicalBytes().text(DOMAIN).number(firstSeq).number(seq).text(hash).text(at.toString())
                .toByteArray();
    }

    String toJsonLine() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("firstSeq", firstSeq);
        json.put("seq", seq);
        json.put("hash", hash);
        json.put("at", at.toString());
        json.put("signature", Base64.getEncoder().encodeToString(signature));
        return PlainJson.write(json);
    }

    /** @throws IllegalArgumentException when the text is not a head as written here */
    static AuditHead fromJsonLine(String line) {
        Map<String, Object> json = PlainJson.parseObject(line);
        if (json.size() != 5 || !(json.get("firstSeq") instanceof Long firstSeq) || !(json.get("seq") instanceof Long seq)
                || !(json.get("hash") instanceof String hash) || !(json.get("at") instanceof String at)
                || !(json.get("signature") instanceof String signature)) {
            throw new IllegalArgumentException("not an audit head");
        }
        try {
            return new AuditHead(firstSeq, seq, hash, Instant.parse(at), Base64.getDecoder().decode(signature));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the audit head's time is not a time stamp");
        }
    }

    @Override
    public String toString() {
        return "AuditHead[firstSeq=" + firstSeq + ", seq=" + seq + ", at=" + at + "]";
    }
}

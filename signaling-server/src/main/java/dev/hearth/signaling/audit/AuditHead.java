package dev.hearth.signaling.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

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

    /** The line as written. */
    record Line(long firstSeq, long seq, String hash, String at, String signature) {
    }

    String toJsonLine() {
        return StrictJson.write(new Line(firstSeq, seq, hash, at.toString(),
                Base64.getEncoder().encodeToString(signature)));
    }

    /** @throws IllegalArgumentException when the text is not a head as written here */
    static AuditHead fromJsonLine(String line) {
        Line json = StrictJson.read(line, Line.class, "an audit head");
        try {
            return new AuditHead(json.firstSeq(), json.seq(), json.hash(), Instant.parse(json.at()),
                    Base64.getDecoder().decode(json.signature()));
        } catch (DateTimeParseException e) {
            throw new StrictJson.ParseException("the audit head's time is not a time stamp");
        }
    }

    @Override
    public String toString() {
        return "AuditHead[firstSeq=" + firstSeq + ", seq=" + seq + ", at=" + at + "]";
    }
}

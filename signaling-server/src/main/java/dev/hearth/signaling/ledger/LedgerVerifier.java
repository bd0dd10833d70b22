package dev.hearth.signaling.ledger;

import dev.hearth.signaling.ledger.LedgerVerification.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a consent ledger: every entry's hash, its Ed25519 signature, its place in the sequence and its link
 * to the entry before it, and (for an export) the signed head. Pure: the same code runs in the server and in
 * the offline {@link VerifyLedger} tool.
 */
public final class LedgerVerifier {

    /** Entry types that end a recording's ledger. */
    static final Set<String> CLOSING_TYPES = Set.of("recording-stopped", "request-cancelled");

    private LedgerVerifier() {
    }

    /**
     * Verifies an export. With {@code trustedKey} the ledger must be signed by that key; without it the key in
     * the document is used, which proves integrity but not that the server you trust wrote it.
     */
    public static LedgerVerification verify(LedgerExport export, Optional<byte[]> trustedKey) {
        if (trustedKey.isPresent() && !MessageDigest.isEqual(trustedKey.get(), export.publicKey())) {
            return LedgerVerification.broken(0, 0, Problem.WRONG_KEY,
                    "the ledger is signed by another key than the one given");
        }
        LedgerVerification chain = verifyChain(export.recordingId(), export.entries(), export.publicKey());
        if (!chain.ok()) {
            return chain;
        }
        LedgerExport.Head head = export.head();
        long count = export.entries().size();
        String lastHash = count == 0 ? LedgerEntry.GENESIS : export.entries().get((int) count - 1).hash();
        byte[] headContent = LedgerExport.headContent(export.recordingId(), head.entries(), head.lastHash(),
                head.exportedAt());
        if (!LedgerSigningKey.verify(export.publicKey(), headContent, decode(head.signature()))) {
            return LedgerVerification.broken(count, count, Problem.BAD_HEAD,
                    "the export's head is not signed by the ledger key");
        }
        if (head.entries() != count || !head.lastHash().equals(lastHash)) {
            return LedgerVerification.broken(count, Math.min(count, head.entries()) + 1, Problem.TRUNCATED,
                    "the export was signed with " + head.entries() + " entries but holds " + count
                            + (head.entries() == count ? " with another last entry" : ""));
        }
        return chain;
    }

    /**
     * Verifies the entries of one ledger in order; null elements are lines that could not be read. Does not
     * notice entries cut off the end: only a signed head (see {@link #verify}) or a closing entry can show that.
     */
    public static LedgerVerification verifyChain(String recordingId, List<LedgerEntry> entries, byte[] publicKey) {
        String previousHash = LedgerEntry.GENESIS;
        long expected = 1;
        for (int i = 0; i < entries.size(); i++, expected++) {
            LedgerEntry entry = entries.get(i);
            if (entry == null) {
                return LedgerVerification.broken(i, expected, Problem.UNREADABLE, "entry " + expected + " cannot be read");
            }
            if (!entry.recordingId().equals(recordingId)) {
                return LedgerVerification.broken(i, expected, Problem.WRONG_RECORDING,
                        "entry " + expected + " belongs to another recording");
            }
            byte[] content = entry.signedContent();
            if (!MessageDigest.isEqual(sha256Hex(content).getBytes(StandardCharsets.US_ASCII),
                    entry.hash().getBytes(StandardCharsets.UTF_8))) {
                return LedgerVerification.broken(i, expected, Problem.CHANGED, "entry " + expected + " does not match its hash");
            }
            if (!LedgerSigningKey.verify(publicKey, content, decode(entry.signature()))) {
                return LedgerVerification.broken(i, expected, Problem.BAD_SIGNATURE,
                        "entry " + expected + " is not signed by the ledger key");
            }
            if (entry.seq() != expected) {
                boolean presentElsewhere = entry.seq() < expected || appearsLater(entries, i + 1, expected);
                return presentElsewhere
                        ? LedgerVerification.broken(i, expected, Problem.REORDERED, "entry " + expected + " is out of order")
                        : LedgerVerification.broken(i, expected, Problem.DELETED, "entry " + expected + " is missing");
            }
            if (!entry.prevHash().equals(previousHash)) {
                return LedgerVerification.broken(i, expected, Problem.BROKEN_LINK,
                        "entry " + expected + " does not follow the entry before it");
            }
            previousHash = entry.hash();
        }
        boolean closed = !entries.isEmpty() && CLOSING_TYPES.contains(entries.get(entries.size() - 1).type());
        return LedgerVerification.intact(entries.size(), closed);
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean appearsLater(List<LedgerEntry> entries, int from, long seq) {
        for (int j = from; j < entries.size(); j++) {
            LedgerEntry later = entries.get(j);
            if (later != null && later.seq() == seq) {
                return true;
            }
        }
        return false;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

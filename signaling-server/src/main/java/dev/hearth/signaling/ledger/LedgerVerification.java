package dev.hearth.signaling.ledger;

import java.util.Optional;

/**
 * The outcome of checking a consent ledger: intact, or the first place where it breaks and why.
 *
 * @param closed the last entry ends the recording (stopped, or the request was cancelled); an intact ledger
 *               that is not closed belongs to a recording still going on, or one cut short by a crash
 */
public record LedgerVerification(long entriesChecked, boolean closed, Optional<Failure> failure) {

    public enum Problem {
        /** The document or an entry cannot be read at all. */
        UNREADABLE,
        /** The entry's content no longer matches its hash. */
        CHANGED,
        /** The hash matches but the signature is not the key's: the entry was rewritten by someone else. */
        BAD_SIGNATURE,
        /** An entry is missing: the sequence jumps past it. */
        DELETED,
        /** Entries are present but out of order. */
        REORDERED,
        /** The entry is intact but does not point at the hash of the entry before it. */
        BROKEN_LINK,
        /** The entry belongs to another recording's ledger. */
        WRONG_RECORDING,
        /** Entries were cut off the end: the signed head names more entries, or another last one. */
        TRUNCATED,
        /** The signed head of the export is not the key's. */
        BAD_HEAD,
        /** The ledger is signed by a key other than the one the verifier was told to trust. */
        WRONG_KEY
    }

    public record Failure(long seq, Problem problem, String explanation) {
    }

    public static LedgerVerification intact(long entries, boolean closed) {
        return new LedgerVerification(entries, closed, Optional.empty());
    }

    public static LedgerVerification broken(long entriesChecked, long seq, Problem problem, String explanation) {
        return new LedgerVerification(entriesChecked, false, Optional.of(new Failure(seq, problem, explanation)));
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** One line a person can read: what was checked and, if it failed, where and why. */
    public String describe() {
        if (ok()) {
            return "intact: " + entriesChecked + " entries, hash chain and Ed25519 signatures valid"
                    + (closed ? ", recording closed" : ", recording not closed (still active or interrupted)");
        }
        Failure f = failure.orElseThrow();
        return "FAILED at entry " + f.seq() + " (" + f.problem() + "): " + f.explanation();
    }
}

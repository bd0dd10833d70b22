package dev.hearth.signaling.audit;

import java.util.Optional;

/** The outcome of checking the audit chain: intact, or the first entry where it breaks and why. */
public record VerificationResult(long entriesChecked, Optional<Failure> failure) {

    public enum Problem {
        /** The entry's content no longer matches its hash, or it cannot be read at all. */
        CHANGED,
        /** An entry is missing: the sequence jumps past it. */
        DELETED,
        /** Entries are present but out of order. */
        REORDERED,
        /** The entry is intact but does not point at the hash of the entry before it. */
        BROKEN_LINK,
        /** Entries the signed head names are gone: cut off the end, or off the start outside a purge. */
        TRUNCATED,
        /** The chain is intact but is not the one the head signed: it was re-hashed without the key. */
        RECHAINED,
        /** {@code audit.head} is unreadable or not signed by this server's audit key. */
        BAD_SIGNATURE,
        /** {@code audit.head} is missing although this server's audit key has signed heads before. */
        MISSING_ANCHOR
    }

    public record Failure(long seq, Problem problem, String explanation) {
    }

    public static VerificationResult intact(long entries) {
        return new VerificationResult(entries, Optional.empty());
    }

    public static VerificationResult broken(long entriesChecked, long seq, Problem problem, String explanation) {
        return new VerificationResult(entriesChecked, Optional.of(new Failure(seq, problem, explanation)));
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}

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
        BROKEN_LINK
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

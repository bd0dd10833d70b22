package dev.hearth.signaling.identity;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;

/**
 * A pseudonymous handle for one person in one session: {@code p-} and 20 random base32 characters.
 * It is random, never derived from the person, so it can appear in ledgers and logs without saying who.
 * Constructing one from client input validates the shape; a malformed id is reported as {@code not-found}.
 */
public record ParticipantId(String value) {

    static final String PREFIX = "p-";
    static final int RANDOM_CHARS = 20;

    public ParticipantId {
        if (!RandomIds.isBase32Id(value, PREFIX, RANDOM_CHARS)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such participant.");
        }
    }

    public static ParticipantId random() {
        return new ParticipantId(PREFIX + RandomIds.base32(RANDOM_CHARS));
    }

    @Override
    public String toString() {
        return value;
    }
}

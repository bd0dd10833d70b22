package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.RandomIds;

/** A breach incident: {@code inc-} and 16 random base32 characters. A malformed id is {@code not-found}. */
public record IncidentId(String value) {

    private static final String PREFIX = "inc-";
    private static final int RANDOM_CHARS = 16;

    public IncidentId {
        if (!RandomIds.isBase32Id(value, PREFIX, RANDOM_CHARS)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such incident.");
        }
    }

    public static IncidentId random() {
        return new IncidentId(PREFIX + RandomIds.base32(RANDOM_CHARS));
    }

    @Override
    public String toString() {
        return value;
    }
}

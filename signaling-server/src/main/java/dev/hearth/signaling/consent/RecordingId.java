package dev.hearth.signaling.consent;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.RandomIds;

/**
 * One recording request and everything recorded under it. Consent is given for a recording id, so an
 * answer to an old request can never count for a new one. A malformed id from a client is {@code not-found}.
 */
public record RecordingId(String value) {

    private static final String PREFIX = "rec-";
    private static final int RANDOM_CHARS = 20;

    public RecordingId {
        if (!RandomIds.isBase32Id(value, PREFIX, RANDOM_CHARS)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such recording.");
        }
    }

    public static RecordingId random() {
        return new RecordingId(PREFIX + RandomIds.base32(RANDOM_CHARS));
    }

    @Override
    public String toString() {
        return value;
    }
}

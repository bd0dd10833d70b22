package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.RandomIds;

/** A room: {@code r-} and 16 random base32 characters. A malformed id from a client is {@code not-found}. */
public record RoomId(String value) {

    private static final String PREFIX = "r-";
    private static final int RANDOM_CHARS = 16;

    public RoomId {
        if (!RandomIds.isBase32Id(value, PREFIX, RANDOM_CHARS)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such room.");
        }
    }

    public static RoomId random() {
        return new RoomId(PREFIX + RandomIds.base32(RANDOM_CHARS));
    }

    @Override
    public String toString() {
        return value;
    }
}

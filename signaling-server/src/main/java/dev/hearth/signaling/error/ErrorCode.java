package dev.hearth.signaling.error;

/**
 * The stable error codes of the protocol. Clients switch on {@link #wire()}, so a code is never renamed;
 * new situations get new codes.
 */
public enum ErrorCode {
    INVALID_NAME("invalid-name"),
    INVALID_INPUT("invalid-input"),
    ROOM_LOCKED("room-locked"),
    NOT_ADMITTED("not-admitted"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not-found"),
    REMOVED("removed"),
    SESSION_ENDED("session-ended"),
    AGREEMENT_REQUIRED("agreement-required"),
    BAD_STATE("bad-state"),
    DENIED("denied"),
    RESUME_EXPIRED("resume-expired"),
    LOBBY_FULL("lobby-full"),
    TOO_MANY_KNOCKS("too-many-knocks"),
    LEFT_GROUP("left-group"),
    ROOM_ARCHIVED("room-archived"),
    ROOM_IN_USE("room-in-use"),
    /**
     * Try again later; nothing is wrong with the request: the room could not take the command in time (its turn is
     * busy), or cluster mode cannot reach Redis (cluster/ClusterHealth).
     */
    UNAVAILABLE("unavailable");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears in {@code {type:"error", code, message}}. */
    public String wire() {
        return wire;
    }
}

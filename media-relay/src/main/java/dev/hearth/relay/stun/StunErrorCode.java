package dev.hearth.relay.stun;

/** Error codes an ICE-lite agent answers with (RFC 8489 section 14.8, RFC 8445 section 7.3.1.1). */
public enum StunErrorCode {
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    UNKNOWN_ATTRIBUTE(420, "Unknown Attribute"),
    ROLE_CONFLICT(487, "Role Conflict"),
    SERVER_ERROR(500, "Server Error");

    private final int code;
    private final String reason;

    StunErrorCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}

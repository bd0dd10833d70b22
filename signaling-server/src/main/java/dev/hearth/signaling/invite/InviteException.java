package dev.hearth.signaling.invite;

/** An invite link that cannot be used; {@link #code()} is stable, the message is for the member. */
public final class InviteException extends RuntimeException {

    public static final String INVALID = "invalid-invite";
    public static final String EXPIRED = "invite-expired";
    /** Revoked by the facilitator, or made before the room's link was rotated. */
    public static final String REVOKED = "invite-revoked";

    private final String code;

    private InviteException(String code, String message) {
        super(message);
        this.code = code;
    }

    static InviteException invalid() {
        return new InviteException(INVALID, "This invite link is not valid. Ask your facilitator for a new one.");
    }

    static InviteException expired() {
        return new InviteException(EXPIRED, "This invite link has expired. Ask your facilitator for a new one.");
    }

    static InviteException revoked() {
        return new InviteException(REVOKED, "This invite was withdrawn. Ask your facilitator for a new one.");
    }

    public String code() {
        return code;
    }
}

package dev.hearth.signaling.consent;

/**
 * Why the recording changed state. None of these names a person: a reason may be shown to the whole group,
 * and "not everyone agreed" must never become "Sam declined".
 */
public enum ChangeReason {
    /** Every admitted participant holds consent. */
    EVERYONE_CONSENTED,
    /** Someone withdrew their consent. */
    CONSENT_WITHDRAWN,
    /** Someone present declined (for example a newcomer who declined in the lobby). */
    CONSENT_DECLINED,
    /** Someone was admitted who has not consented to this recording. */
    JOINED_WITHOUT_CONSENT,
    /** Nobody is admitted any more. */
    ROOM_EMPTY,
    /** A request was answered "no" by at least one person (who, is not said). */
    NOT_EVERYONE_AGREED,
    /** The person who asked left before everyone had answered. */
    REQUESTER_LEFT,
    /** A facilitator stopped it. */
    STOPPED,
    /** The session ended. */
    SESSION_ENDED,
    /**
     * The server restarted: the relay's recording did not survive the process, so it stops, and a new one needs
     * everyone's consent again.
     */
    SERVER_RESTARTED
}

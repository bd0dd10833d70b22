package dev.hearth.signaling.room;

public enum Role {
    /** Runs the session: admits, mutes, removes, asks to record, ends. */
    FACILITATOR,
    MEMBER
}

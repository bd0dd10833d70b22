package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;

/**
 * Everything members ever learn about each other. {@code displayName} is the first name, with " (2)", " (3)"...
 * when several people in the room share it or a look-alike of it ({@code FirstName.sameAs}); a first name can
 * hold neither digits nor brackets, so nobody can pose as "Sam (2)".
 */
public record ParticipantView(ParticipantId id, String displayName, Role role, boolean muted) {

    /** Leaves the name out, so a logged view does not carry it. */
    @Override
    public String toString() {
        return "ParticipantView[id=" + id + ", role=" + role + ", muted=" + muted + "]";
    }
}

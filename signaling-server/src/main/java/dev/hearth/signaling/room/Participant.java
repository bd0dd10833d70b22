package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import java.time.Instant;
import java.util.Optional;

/** Someone admitted to the room; mutable, owned by its {@link Room}. */
final class Participant {

    final ParticipantId id;
    final Role role;
    /**
     * The hashed browser seat and client address they knocked from, remembered if they are removed;
     * facilitators enter with their account instead and have none.
     */
    final Optional<RemovalMemory.Marks> marks;
    FirstName name;
    /** 1 for the first "Sam" in the room, 2 for "Sam (2)", ... */
    int ordinal;
    boolean muted;
    String resumeToken;
    /** A member who has not yet accepted the agreement in force: the relay holds their media meanwhile. */
    boolean agreementPending;
    /** A facilitator holds this member's media (a breach response) until a facilitator releases them. */
    boolean heldByFacilitator;
    /** Their line in the group's roster (members only); a departure from the group removes them. */
    String rosterId;
    /** When the connection dropped; null while connected. */
    Instant awaySince;

    Participant(ParticipantId id, Role role, Optional<RemovalMemory.Marks> marks, FirstName name) {
        this.id = id;
        this.role = role;
        this.marks = marks;
        this.name = name;
    }

    String displayName() {
        return ordinal <= 1 ? name.value() : name.value() + " (" + ordinal + ")";
    }

    ParticipantView view() {
        return new ParticipantView(id, displayName(), role, muted);
    }
}

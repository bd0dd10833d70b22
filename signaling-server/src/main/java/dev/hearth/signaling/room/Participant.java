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
    /**
     * The token issued in this process, for the admission or resumption message; null after a restore, since only
     * its keyed hash is kept.
     */
    String resumeToken;
    /** HMAC-SHA256 of {@link #resumeToken} under the room's resume key: what the room looks a token up by. */
    String resumeTokenHash;
    /** A member who has not yet accepted the agreement in force: the relay holds their media meanwhile. */
    boolean agreementPending;
    /** A facilitator holds this member's media (a breach response) until a facilitator releases them. */
    boolean heldByFacilitator;
    /** Their line in the group's roster (members only); a departure from the group removes them. */
    String rosterId;
    /** When the connection dropped; null while connected. */
    Instant awaySince;
    /**
     * The server restarted since they last resumed: the relay has none of their transports. Not part of a snapshot,
     * since it describes this process, not the room.
     */
    boolean mediaLost;

    Participant(ParticipantId id, Role role, Optional<RemovalMemory.Marks> marks, FirstName name) {
        this.id = id;
        this.role = role;
        this.marks = marks;
        this.name = name;
    }

    String displayName() {
        return ordinal <= 1 ? name.value() : name.value() + " (" + ordinal + ")";
    }

    RoomSnapshot.Admitted snapshot() {
        return new RoomSnapshot.Admitted(id, role, marks.map(RemovalMemory::snapshot), name, ordinal, muted,
                resumeTokenHash, agreementPending, heldByFacilitator, Optional.ofNullable(rosterId),
                Optional.ofNullable(awaySince));
    }

    static Participant restore(RoomSnapshot.Admitted s) {
        Participant participant = new Participant(s.id(), s.role(), s.marks().map(RemovalMemory::restore), s.firstName());
        participant.ordinal = s.ordinal();
        participant.muted = s.muted();
        participant.resumeTokenHash = s.resumeTokenHash();
        participant.agreementPending = s.agreementPending();
        participant.heldByFacilitator = s.heldByFacilitator();
        participant.rosterId = s.rosterId().orElse(null);
        participant.awaySince = s.awaySince().orElse(null);
        return participant;
    }

    ParticipantView view() {
        return new ParticipantView(id, displayName(), role, muted);
    }
}

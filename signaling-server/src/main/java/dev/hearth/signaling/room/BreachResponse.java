package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;
import java.util.Objects;
import java.util.Set;

/**
 * What a facilitator does at once about a breach, in one turn of the room: lock it, remove some members (their
 * seats banned for the session), hold others (their media stopped at the relay until a facilitator releases them),
 * stop a running recording.
 */
public record BreachResponse(boolean lock, Set<ParticipantId> remove, Set<ParticipantId> hold, boolean stopRecording) {

    public BreachResponse {
        remove = Set.copyOf(Objects.requireNonNull(remove));
        hold = Set.copyOf(Objects.requireNonNull(hold));
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;
import java.time.Instant;

/** A person waiting to be let in, as facilitators (and only they) see them. */
public record LobbyEntry(ParticipantId id, String firstName, Instant waitingSince) {

    @Override
    public String toString() {
        return "LobbyEntry[id=" + id + ", waitingSince=" + waitingSince + "]";
    }
}

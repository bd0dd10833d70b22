package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;
import java.time.Instant;

/**
 * A person waiting to be let in, as facilitators (and only they) see them. {@code removedEarlier}: the knock
 * came from the client address of someone removed earlier in this session (perhaps the same person in a new
 * browser, perhaps someone sharing their network), for the facilitator to weigh.
 */
public record LobbyEntry(ParticipantId id, String firstName, Instant waitingSince, boolean removedEarlier) {

    @Override
    public String toString() {
        return "LobbyEntry[id=" + id + ", waitingSince=" + waitingSince + ", removedEarlier=" + removedEarlier + "]";
    }
}

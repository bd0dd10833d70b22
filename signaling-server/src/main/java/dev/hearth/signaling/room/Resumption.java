package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;
import java.util.List;

/** A successful resume: the participant the connection now speaks for, and what to tell whom. */
public record Resumption(ParticipantId participant, List<RoomEvent> events) {

    public Resumption {
        events = List.copyOf(events);
    }
}

package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Room;
import org.springframework.stereotype.Component;

/** Room changes forwarded to the media relay. */
@Component
class RelayRoomMedia implements RoomMedia {

    private final RelayControl relay;

    RelayRoomMedia(RelayControl relay) {
        this.relay = relay;
    }

    @Override
    public void setAudioMuted(Room room, ParticipantId participant, boolean muted) {
        relay.setAudioMuted(room.id().value(), participant.value(), muted);
    }

    @Override
    public void close(Room room, ParticipantId participant) {
        relay.closeParticipant(room.id().value(), participant.value());
    }

    @Override
    public void setHeld(Room room, ParticipantId participant, boolean held) {
        try {
            relay.setHeld(room.id().value(), participant.value(), held);
        } catch (RelayException e) {
            if (!RelayException.UNKNOWN_ROOM.equals(e.code()) && !RelayException.UNKNOWN_PARTICIPANT.equals(e.code())) {
                throw e;
            }
        }
    }

    @Override
    public void closeRoom(Room room) {
        relay.closeRoom(room.id().value());
    }
}

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
        try {
            relay.setAudioMuted(room.id().value(), participant.value(), muted);
        } catch (RelayException e) {
            if (!hasNoMediaYet(e)) {
                throw e;
            }
        }
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
            if (!hasNoMediaYet(e)) {
                throw e;
            }
        }
    }

    @Override
    public void closeRoom(Room room) {
        relay.closeRoom(room.id().value());
    }

    /**
     * The relay has nothing of theirs (not published yet, or the relay restarted with the server): nothing there to
     * change, and {@link MediaNegotiator} applies the room's mute and hold when their media starts.
     */
    private static boolean hasNoMediaYet(RelayException e) {
        return RelayException.UNKNOWN_ROOM.equals(e.code()) || RelayException.UNKNOWN_PARTICIPANT.equals(e.code());
    }
}

package dev.hearth.signaling.protocol;

import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Room;

/** The room's side of the media relay: what signaling tells the relay when the room changes. */
interface RoomMedia {

    /**
     * Takes effect at the relay before this returns: a muted participant's audio is dropped at ingress. Someone
     * without media there yet (also everyone right after a restart) is skipped: {@link MediaNegotiator} applies the
     * mute when their media starts.
     */
    void setAudioMuted(Room room, ParticipantId participant, boolean muted);

    /** Closes the participant's transports before this returns: nothing of theirs is forwarded afterwards. */
    void close(Room room, ParticipantId participant);

    void closeRoom(Room room);

    /**
     * Holds or releases all of the participant's media at the relay before this returns. Someone without media
     * there yet is skipped: {@link MediaNegotiator} applies the hold when their media starts.
     */
    void setHeld(Room room, ParticipantId participant, boolean held);
}

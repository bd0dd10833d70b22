package dev.hearth.signaling.metrics;

import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.room.LobbyEntry;
import dev.hearth.signaling.room.ParticipantView;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomRegistry;
import java.util.List;

/**
 * How many rooms, people and waiting people this server holds right now, counted without a single id or name
 * leaving the rooms. Each room is read under its own lock, the one the signaling protocol changes it under, so a
 * count never sees a command half done; one scrape takes each lock once, briefly.
 */
final class RoomCensus {

    /** Where a room is: nobody admitted yet (or everyone gone), a session going on, or ended. */
    enum RoomState {
        IDLE, LIVE, ENDED
    }

    /** One count of every room. */
    record Counts(int[] rooms, int[] participants, int waiting, int recording) {
        static final Counts NONE = new Counts(new int[RoomState.values().length], new int[Role.values().length], 0, 0);

        int rooms(RoomState state) {
            return rooms[state.ordinal()];
        }

        int participants(Role role) {
            return participants[role.ordinal()];
        }
    }

    private final RoomRegistry registry;

    RoomCensus(RoomRegistry registry) {
        this.registry = registry;
    }

    Counts take() {
        int[] rooms = new int[RoomState.values().length];
        int[] participants = new int[Role.values().length];
        int waiting = 0;
        int recording = 0;
        for (Room room : registry.all()) {
            synchronized (room) {
                List<ParticipantView> present = room.participants();
                List<LobbyEntry> lobby = room.lobby();
                RoomState state = room.isEnded() ? RoomState.ENDED
                        : present.isEmpty() ? RoomState.IDLE : RoomState.LIVE;
                rooms[state.ordinal()]++;
                if (state != RoomState.ENDED) {
                    for (ParticipantView participant : present) {
                        participants[participant.role().ordinal()]++;
                    }
                    waiting += lobby.size();
                    if (room.recordingState() == RecordingState.RECORDING) {
                        recording++;
                    }
                }
            }
        }
        return new Counts(rooms, participants, waiting, recording);
    }
}

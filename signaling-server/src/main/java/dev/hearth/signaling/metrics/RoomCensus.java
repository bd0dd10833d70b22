package dev.hearth.signaling.metrics;

import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.room.LobbyEntry;
import dev.hearth.signaling.room.ParticipantView;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.serial.RoomTurns;
import java.util.List;

/**
 * How many rooms, people and waiting people this server holds right now, counted without a single id or name
 * leaving the rooms. Each room is counted in its own turn, where every command on it runs, so a count never sees a
 * command half done; one scrape takes one short turn per room. A room busy past the turn's bound fails the scrape
 * ({@code unavailable}) rather than being counted wrong.
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
    private final RoomTurns turns;

    RoomCensus(RoomRegistry registry, RoomTurns turns) {
        this.registry = registry;
        this.turns = turns;
    }

    Counts take() {
        int[] rooms = new int[RoomState.values().length];
        int[] participants = new int[Role.values().length];
        int waiting = 0;
        int recording = 0;
        for (Room room : registry.all()) {
            One one = turns.call(room.id(), () -> count(room));
            rooms[one.state().ordinal()]++;
            if (one.state() != RoomState.ENDED) {
                for (Role role : Role.values()) {
                    participants[role.ordinal()] += one.participants()[role.ordinal()];
                }
                waiting += one.waiting();
                if (one.recording()) {
                    recording++;
                }
            }
        }
        return new Counts(rooms, participants, waiting, recording);
    }

    /** One room's count, taken in its turn. */
    private record One(RoomState state, int[] participants, int waiting, boolean recording) {
    }

    private static One count(Room room) {
        List<ParticipantView> present = room.participants();
        List<LobbyEntry> lobby = room.lobby();
        RoomState state = room.isEnded() ? RoomState.ENDED : present.isEmpty() ? RoomState.IDLE : RoomState.LIVE;
        int[] byRole = new int[Role.values().length];
        for (ParticipantView participant : present) {
            byRole[participant.role().ordinal()]++;
        }
        return new One(state, byRole, lobby.size(), room.recordingState() == RecordingState.RECORDING);
    }
}

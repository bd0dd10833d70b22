package dev.hearth.signaling.protocol;

import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import dev.hearth.signaling.room.RoomRegistry;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * How the HTTP API changes a room that may be live: the command runs in the room's turn and its events are
 * delivered to the people in the room, the ledger, the audit log and the relay, as if it came over the socket.
 * Every method waits for the room's turn at most a bound and then answers {@code unavailable}.
 */
@Component
public class RoomCommands {

    private final RoomProtocol protocol;
    private final RoomRegistry rooms;

    RoomCommands(RoomProtocol protocol, RoomRegistry rooms) {
        this.protocol = protocol;
        this.rooms = rooms;
    }

    /** Runs {@code command} for the signed-in staff account {@code accountId}; returns the events it caused. */
    public List<RoomEvent> run(Room room, String accountId, Function<Room, List<RoomEvent>> command) {
        return protocol.runForAccount(room, accountId, command);
    }

    /**
     * Changes the room in its turn where the change tells nobody in the room (its title, archiving, co-facilitators),
     * saves it in that turn and returns what {@code change} returns.
     */
    public <T> T change(Room room, Function<Room, T> change) {
        return protocol.readInTurn(room, r -> {
            T result = change.apply(r);
            rooms.save(r);
            return result;
        });
    }

    /** Forgets the room, in its store too, in its turn; returns whether the registry still held it. */
    public boolean delete(Room room) {
        return protocol.readInTurn(room, r -> rooms.delete(r.id()));
    }

    /** Reads state that changes only in the room's turn (e.g. its roster), in that turn. */
    public <T> T read(Room room, Function<Room, T> query) {
        return protocol.readInTurn(room, query);
    }
}

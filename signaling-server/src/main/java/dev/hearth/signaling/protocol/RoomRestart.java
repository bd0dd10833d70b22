package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayException;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tells every room the registry brought back from its store that the process restarted ({@link Room#afterRestart}),
 * each in its turn and delivered like any command, so a recording that could not survive is stopped in the consent
 * ledger, the catalog and the audit log. Runs once every bean exists and before the web server opens its port, so
 * no one can resume into a room before its members count as away.
 */
@Component
class RoomRestart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RoomRestart.class);

    private final RoomRegistry rooms;
    private final RoomProtocol protocol;

    RoomRestart(RoomRegistry rooms, RoomProtocol protocol) {
        this.rooms = rooms;
        this.protocol = protocol;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int live = 0;
        for (Room room : rooms.all()) {
            try {
                protocol.runForAccount(room, "system", Room::afterRestart);
            } catch (RelayException e) {
                // The room's decisions stand and were delivered; the fresh relay holds nothing of it to undo.
                log.warn("event=room_restore_relay_failed room={} code={}", room.id(), e.code());
            }
            // Read in the turn too: only the room's turn touches it, even before the port opens.
            if (protocol.readInTurn(room, r -> !r.isEnded() && !r.participants().isEmpty())) {
                live++;
            }
        }
        log.info("event=rooms_restored rooms={} live={}", rooms.all().size(), live);
    }
}

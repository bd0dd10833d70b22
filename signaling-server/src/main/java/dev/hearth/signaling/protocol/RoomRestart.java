package dev.hearth.signaling.protocol;

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
            protocol.runForAccount(room, "system", Room::afterRestart);
            if (!room.isEnded() && !room.participants().isEmpty()) {
                live++;
            }
        }
        log.info("event=rooms_restored rooms={} live={}", rooms.all().size(), live);
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** A room owned by account "acct-owner" with its facilitator inside, and helpers to read events. */
class RoomFixture {

    static final String OWNER = "acct-owner";

    final MutableClock clock = new MutableClock();
    final Room room = new Room(RoomId.random(), OWNER, "Tuesday group", Agreement.defaultAgreement(), clock);
    final ParticipantId facilitator;

    RoomFixture() {
        facilitator = only(room.enterAsFacilitator(OWNER, FirstName.parse("Maya")), Admitted.class).you().id();
    }

    static FirstName name(String name) {
        return FirstName.parse(name);
    }

    List<RoomEvent> knockEvents(String seat, String name) {
        return room.knock(seat, name(name), room.agreement().version(), Optional.empty());
    }

    ParticipantId knock(String seat, String name) {
        return only(knockEvents(seat, name), KnockedIntoLobby.class).you();
    }

    ParticipantId join(String seat, String name) {
        ParticipantId waiter = knock(seat, name);
        room.admit(facilitator, waiter);
        return waiter;
    }

    static <T extends RoomEvent> T only(List<RoomEvent> events, Class<T> type) {
        List<T> found = all(events, type);
        Assertions.assertEquals(1, found.size(), "expected exactly one " + type.getSimpleName() + " in " + events);
        return found.get(0);
    }

    static <T extends RoomEvent> List<T> all(List<RoomEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static void assertRefused(String code, Executable command) {
        Assertions.assertEquals(code, Assertions.assertThrows(HearthException.class, command).code());
    }
}

package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.OWNER;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.name;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import dev.hearth.signaling.room.RoomEvent.LobbyChanged;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lobby's capacity, and how a knock from someone removed earlier in the session is pointed out. */
class RoomLobbyLimitsTest {

    private final MutableClock clock = new MutableClock();
    private final Room room = new Room(RoomId.random(), OWNER, "Tuesday group", Agreement.defaultAgreement(), clock, 3);
    private final ParticipantId facilitator =
            only(room.enterAsFacilitator(OWNER, name("Maya")), Admitted.class).you().id();

    private List<RoomEvent> knock(String seat, String address, String firstName) {
        return room.knock(seat, name(firstName), room.agreement().version(), Optional.empty(), Optional.of(address));
    }

    private ParticipantId waiter(List<RoomEvent> events) {
        return only(events, KnockedIntoLobby.class).you();
    }

    private LobbyEntry lastEntry(List<RoomEvent> events) {
        List<LobbyEntry> lobby = only(events, LobbyChanged.class).lobby();
        return lobby.get(lobby.size() - 1);
    }

    @Test
    void aFullLobbyRefusesTheNextKnockAndQueuesNothing() {
        knock("seat-aaaa", "198.51.100.1", "Ana");
        knock("seat-bbbb", "198.51.100.2", "Ben");
        knock("seat-cccc", "198.51.100.3", "Cleo");
        assertRefused("lobby-full", () -> knock("seat-dddd", "198.51.100.4", "Dana"));
        assertEquals(List.of("Ana", "Ben", "Cleo"), room.lobby().stream().map(LobbyEntry::firstName).toList());
    }

    @Test
    void aSeatAlreadyWaitingMayKnockAgainIntoAFullLobby() {
        knock("seat-aaaa", "198.51.100.1", "Ana");
        knock("seat-bbbb", "198.51.100.2", "Ben");
        knock("seat-cccc", "198.51.100.3", "Cleo");
        knock("seat-cccc", "198.51.100.3", "Cleo");
        assertEquals(3, room.lobby().size());
    }

    @Test
    void aPlaceThatFreesUpCanBeTaken() {
        ParticipantId ana = waiter(knock("seat-aaaa", "198.51.100.1", "Ana"));
        knock("seat-bbbb", "198.51.100.2", "Ben");
        knock("seat-cccc", "198.51.100.3", "Cleo");
        room.admit(facilitator, ana);
        knock("seat-dddd", "198.51.100.4", "Dana");
        assertEquals(3, room.lobby().size());
    }

    @Test
    void theDefaultCapacityIsFifty() {
        Room roomy = new Room(RoomId.random(), OWNER, "Tuesday group", Agreement.defaultAgreement(), clock);
        for (int i = 0; i < 50; i++) {
            roomy.knock("seat-" + i + "-xxxx", name("Ana"), roomy.agreement().version(), Optional.empty());
        }
        assertRefused("lobby-full",
                () -> roomy.knock("seat-last", name("Ana"), roomy.agreement().version(), Optional.empty()));
        assertEquals(50, Room.DEFAULT_LOBBY_CAPACITY);
    }

    @Test
    void aRemovedMembersAddressIsMarkedWhenItKnocksAgainFromAnotherSeat() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.admit(facilitator, dave);
        room.remove(facilitator, dave);

        LobbyEntry again = lastEntry(knock("seat-new-profile", "203.0.113.9", "David"));
        assertTrue(again.removedEarlier());
        LobbyEntry stranger = lastEntry(knock("seat-stranger", "203.0.113.10", "Cleo"));
        assertFalse(stranger.removedEarlier());
    }

    @Test
    void someoneRemovedFromTheLobbyIsMarkedToo() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.remove(facilitator, dave);
        assertTrue(lastEntry(knock("seat-new-profile", "203.0.113.9", "Dave")).removedEarlier());
    }

    @Test
    void theRemovedSeatStaysRefusedWhateverTheAddress() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.remove(facilitator, dave);
        assertRefused("removed", () -> knock("seat-dave", "198.51.100.77", "Dave"));
    }

    @Test
    void theMarkOnlyReachesFacilitators() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.remove(facilitator, dave);
        List<RoomEvent> events = knock("seat-new-profile", "203.0.113.9", "David");
        for (RoomEvent event : events) {
            if (event instanceof LobbyChanged changed) {
                assertEquals(java.util.Set.of(facilitator), changed.audience().recipients());
            } else {
                assertFalse(event.toString().contains("removedEarlier"), event::toString);
            }
        }
    }

    @Test
    void aDeniedPersonIsNotMarked() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.deny(facilitator, dave);
        assertFalse(lastEntry(knock("seat-dave", "203.0.113.9", "Dave")).removedEarlier());
    }

    @Test
    void theNextSessionForgetsWhoWasRemoved() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.remove(facilitator, dave);
        room.end(facilitator);
        room.enterAsFacilitator(OWNER, name("Maya"));
        assertFalse(lastEntry(knock("seat-dave", "203.0.113.9", "Dave")).removedEarlier());
    }

    @Test
    void aKnockWithoutAnAddressIsJudgedByItsSeatAlone() {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.remove(facilitator, dave);
        List<RoomEvent> events = room.knock("seat-other", name("Dave"), room.agreement().version(), Optional.empty());
        assertFalse(lastEntry(events).removedEarlier());
    }

    @Test
    void theRoomKeepsNoAddressInTheClear() throws IllegalAccessException {
        ParticipantId dave = waiter(knock("seat-dave", "203.0.113.9", "Dave"));
        room.admit(facilitator, dave);
        room.remove(facilitator, dave);
        knock("seat-new-profile", "203.0.113.9", "David");
        assertFalse(reachable(room, new java.util.IdentityHashMap<>(), 0).contains("203.0.113.9"));
    }

    /** Every string reachable from {@code root} through fields, joined (bounded depth, JDK internals skipped). */
    private static String reachable(Object root, java.util.IdentityHashMap<Object, Boolean> seen, int depth)
            throws IllegalAccessException {
        if (root == null || depth > 8 || seen.put(root, true) != null) {
            return "";
        }
        if (root instanceof CharSequence text) {
            return text + "\n";
        }
        StringBuilder found = new StringBuilder();
        if (root instanceof Iterable<?> items) {
            for (Object item : items) {
                found.append(reachable(item, seen, depth + 1));
            }
            return found.toString();
        }
        if (root instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                found.append(reachable(entry.getKey(), seen, depth + 1)).append(reachable(entry.getValue(), seen, depth + 1));
            }
            return found.toString();
        }
        if (root instanceof Optional<?> optional) {
            return optional.isPresent() ? reachable(optional.get(), seen, depth + 1) : "";
        }
        if (!root.getClass().getName().startsWith("dev.hearth")) {
            return "";
        }
        for (Class<?> type = root.getClass(); type != null && type.getName().startsWith("dev.hearth");
                type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                found.append(reachable(field.get(root), seen, depth + 1));
            }
        }
        return found.toString();
    }
}

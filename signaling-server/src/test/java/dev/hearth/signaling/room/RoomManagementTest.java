package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rename and archive: what a facilitator does with a room between sessions. */
class RoomManagementTest {

    @Test
    void aRoomCanBeRetitledWithTheSameRulesAsANewTitle() {
        RoomFixture f = new RoomFixture();
        f.room.retitle("  Thursday group ");
        assertEquals("Thursday group", f.room.title());
        assertThrows(() -> f.room.retitle("two\nlines"));
        assertThrows(() -> f.room.retitle("x".repeat(Room.MAX_TITLE_LENGTH + 1)));
        assertEquals("Thursday group", f.room.title());
    }

    @Test
    void aRoomWithPeopleInItOrWaitingCannotBeArchived() {
        RoomFixture f = new RoomFixture();
        assertRefused("room-in-use", () -> f.room.setArchived(true));
        assertFalse(f.room.isArchived());

        Room waitedOn = new Room(RoomId.random(), RoomFixture.OWNER, "Tuesday group", Agreement.defaultAgreement(),
                new MutableClock());
        waitedOn.knock("seat-1", name("Sam"), waitedOn.agreement().version(), Optional.empty());
        assertRefused("room-in-use", () -> waitedOn.setArchived(true));
        assertFalse(waitedOn.isArchived());
    }

    @Test
    void nobodyEntersOrKnocksOnAnArchivedRoomUntilItIsBroughtBack() {
        RoomFixture f = new RoomFixture();
        f.room.end(f.facilitator);
        assertTrue(f.room.isEmpty());
        f.room.setArchived(true);
        assertTrue(f.room.isArchived());
        assertRefused("room-archived", () -> f.room.enterAsFacilitator(RoomFixture.OWNER, name("Maya")));
        assertRefused("room-archived", () -> f.room.knock("seat-1", name("Sam"), f.room.agreement().version(),
                Optional.empty()));
        f.room.setArchived(false);
        f.room.enterAsFacilitator(RoomFixture.OWNER, name("Maya"));
        assertFalse(f.room.isEmpty());
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable command) {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, command);
    }
}

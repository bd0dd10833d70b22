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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13 §5: several facilitators share a room; any of them moderates, only the owner chooses them. */
class RoomCoFacilitatorTest extends RoomFixture {

    static final String CO = "acct-co";

    @Test
    void theOwnerAddsACoFacilitatorWhoEntersAndModerates() {
        assertTrue(room.addCoFacilitator(OWNER, CO));
        assertEquals(List.of(OWNER, CO), room.facilitatorAccounts());
        ParticipantId co = only(room.enterAsFacilitator(CO, name("Lee")), Admitted.class).you().id();
        assertEquals(Role.FACILITATOR, room.role(co));
        ParticipantId sam = knock("seat-sam-0000000001", "Sam");
        room.admit(co, sam);
        assertTrue(room.isAdmitted(sam));
        room.lock(co);
        assertTrue(room.isLocked());
        room.mute(co, sam);
        room.remove(co, sam);
        assertFalse(room.isAdmitted(sam));
        room.end(co);
        assertTrue(room.isEnded());
    }

    @Test
    void aCoFacilitatorCannotBeRemovedFromTheSession() {
        room.addCoFacilitator(OWNER, CO);
        ParticipantId co = only(room.enterAsFacilitator(CO, name("Lee")), Admitted.class).you().id();
        assertRefused("forbidden", () -> room.remove(facilitator, co));
    }

    @Test
    void onlyTheOwnerChoosesCoFacilitators() {
        room.addCoFacilitator(OWNER, CO);
        assertRefused("forbidden", () -> room.addCoFacilitator(CO, "acct-third"));
        assertRefused("forbidden", () -> room.removeCoFacilitator(CO, CO));
        assertRefused("forbidden", () -> room.addCoFacilitator("acct-stranger", "acct-stranger"));
        assertFalse(room.addCoFacilitator(OWNER, CO), "adding twice changes nothing");
        assertFalse(room.addCoFacilitator(OWNER, OWNER), "the owner is one already");
    }

    @Test
    void aRemovedCoFacilitatorCanNoLongerEnter() {
        room.addCoFacilitator(OWNER, CO);
        assertTrue(room.removeCoFacilitator(OWNER, CO));
        assertFalse(room.isFacilitatorAccount(CO));
        assertRefused("forbidden", () -> room.enterAsFacilitator(CO, name("Lee")));
        assertRefused("bad-state", () -> room.removeCoFacilitator(OWNER, OWNER));
    }

    @Test
    void strangersStillCannotEnter() {
        assertRefused("forbidden", () -> room.enterAsFacilitator("acct-stranger", name("Lee")));
    }
}

package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.OWNER;
import static dev.hearth.signaling.room.RoomFixture.all;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.HoldChanged;
import dev.hearth.signaling.room.RoomEvent.LockChanged;
import dev.hearth.signaling.room.RoomEvent.MediaHeld;
import dev.hearth.signaling.room.RoomEvent.Removed;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13 §2: one breach response locks, removes, holds and stops recording in a single turn of the room. */
class RoomBreachTest extends RoomFixture {

    @Test
    void oneResponseLocksRemovesAndHolds() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        ParticipantId kim = join("seat-kim-0000000001", "Kim");
        List<RoomEvent> events = room.respondToBreach(OWNER, new BreachResponse(true, Set.of(sam), Set.of(kim), false));
        assertTrue(only(events, LockChanged.class).locked());
        assertEquals(Set.of(sam), only(events, Removed.class).audience().recipients());
        assertTrue(room.isLocked());
        assertFalse(room.isAdmitted(sam));
        room.unlock(facilitator);
        assertRefused("removed", () -> room.knock("seat-sam-0000000001", name("Sam"), 1, Optional.empty()));
        assertTrue(room.isMediaHeld(kim));
        assertTrue(only(events, MediaHeld.class).held());
        HoldChanged hold = only(events, HoldChanged.class);
        assertTrue(hold.audience().recipients().containsAll(Set.of(kim, facilitator)));
    }

    @Test
    void aHeldMemberIsReleasedByAFacilitatorOnly() {
        ParticipantId kim = join("seat-kim-0000000001", "Kim");
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        room.respondToBreach(OWNER, new BreachResponse(false, Set.of(), Set.of(kim), false));
        assertRefused("forbidden", () -> room.release(sam, kim));
        List<RoomEvent> events = room.release(facilitator, kim);
        assertFalse(only(events, MediaHeld.class).held());
        assertFalse(room.isMediaHeld(kim));
    }

    @Test
    void acceptingTheAgreementDoesNotLiftAFacilitatorsHold() {
        ParticipantId kim = join("seat-kim-0000000001", "Kim");
        room.respondToBreach(OWNER, new BreachResponse(false, Set.of(), Set.of(kim), false));
        room.reviseAgreement(OWNER, "New words.");
        List<RoomEvent> events = room.acknowledgeAgreement(kim, 2);
        assertEquals(List.of(), all(events, MediaHeld.class));
        assertTrue(room.isMediaHeld(kim));
    }

    @Test
    void aRunningRecordingStops() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        room.requestRecording(facilitator);
        room.consent(sam, room.recordingId().orElseThrow());
        assertEquals(RecordingState.RECORDING, room.recordingState());
        room.respondToBreach(OWNER, new BreachResponse(false, Set.of(), Set.of(), true));
        assertEquals(RecordingState.OFF, room.recordingState());
    }

    @Test
    void afterTheSessionNothingIsLeftToDoButItIsNoError() {
        room.end(facilitator);
        assertEquals(List.of(), room.respondToBreach(OWNER, new BreachResponse(true, Set.of(), Set.of(), true)));
    }

    @Test
    void onlyTheRoomsFacilitatorsRespondAndFacilitatorsCannotBeRemovedOrHeld() {
        assertRefused("forbidden", () -> room.respondToBreach("acct-stranger", new BreachResponse(true, Set.of(), Set.of(), false)));
        assertRefused("forbidden", () -> room.respondToBreach(OWNER, new BreachResponse(false, Set.of(facilitator), Set.of(), false)));
        assertRefused("forbidden", () -> room.respondToBreach(OWNER, new BreachResponse(false, Set.of(), Set.of(facilitator), false)));
        assertFalse(room.isLocked(), "a refused response changes nothing");
    }
}

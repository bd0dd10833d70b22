package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.all;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.name;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Audience.Scope;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.ConsentAsked;
import dev.hearth.signaling.room.RoomEvent.ConsentLogged;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import dev.hearth.signaling.room.RoomEvent.RecordingChanged;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomRecordingTest extends RoomFixture {

    private final ParticipantId ana = join("seat-a", "Ana");
    private final ParticipantId sam = join("seat-s", "Sam");

    private RecordingId recordWithEveryone() {
        room.requestRecording(facilitator);
        RecordingId id = room.recordingId().orElseThrow();
        room.consent(ana, id);
        room.consent(sam, id);
        assertEquals(RecordingState.RECORDING, room.recordingState());
        return id;
    }

    @Test
    void requestAsksEveryoneInTheRoomAndInTheLobby() {
        ParticipantId waiting = knock("seat-w", "Lena");
        List<RoomEvent> events = room.requestRecording(facilitator);
        RecordingId id = room.recordingId().orElseThrow();
        assertEquals(Set.of(ana, sam, waiting), all(events, ConsentAsked.class).stream()
                .flatMap(e -> e.audience().recipients().stream()).collect(java.util.stream.Collectors.toSet()));
        RecordingChanged changed = only(events, RecordingChanged.class);
        assertEquals(RecordingState.REQUESTED, changed.state());
        assertEquals(Optional.of(id), changed.recordingId());
        assertEquals(Scope.EVERYONE, changed.audience().scope(), "the lobby hears that a recording began");
        assertInstanceOf(ConsentLogged.class, events.get(0));
        assertTrue(room.hasRecordingConsent(facilitator));
    }

    @Test
    void recordingStartsOnceEveryoneConsented() {
        room.requestRecording(facilitator);
        RecordingId id = room.recordingId().orElseThrow();
        assertTrue(all(room.consent(ana, id), RecordingChanged.class).isEmpty());
        RecordingChanged started = only(room.consent(sam, id), RecordingChanged.class);
        assertEquals(RecordingState.RECORDING, started.state());
        assertEquals(Scope.ADMITTED, started.audience().scope());
    }

    @Test
    void declineCancelsAndTheFacilitatorLearnsOnlyThatNotEveryoneAgreed() {
        room.requestRecording(facilitator);
        RecordingId id = room.recordingId().orElseThrow();
        List<RoomEvent> events = room.decline(sam, id);
        RecordingChanged changed = only(events, RecordingChanged.class);
        assertEquals(RecordingState.OFF, changed.state());
        assertEquals(Optional.of(ChangeReason.NOT_EVERYONE_AGREED), changed.reason());
        for (RoomEvent event : events) {
            if (event instanceof ConsentLogged) {
                assertTrue(event.audience().recipients().isEmpty(), "ledger entries go to nobody");
            } else {
                // A state and a reason: the type has no room for who declined.
                assertInstanceOf(RecordingChanged.class, event);
            }
        }
    }

    @Test
    void withdrawalPausesBeforeAnythingElse() {
        RecordingId id = recordWithEveryone();
        List<RoomEvent> events = room.withdrawConsent(ana);
        assertEquals(new ConsentEvent.RecordingPaused(id, ChangeReason.CONSENT_WITHDRAWN),
                ((ConsentLogged) events.get(0)).event());
        assertEquals(RecordingState.PAUSED, only(events, RecordingChanged.class).state());
        assertEquals(Optional.empty(), only(events, RecordingChanged.class).reason(), "a pause names no reason");
    }

    @Test
    void admittingSomeoneWithoutConsentPausesBeforeTheyAreLetIn() {
        recordWithEveryone();
        ParticipantId lena = knock("seat-l", "Lena");
        List<RoomEvent> events = room.admit(facilitator, lena);
        assertInstanceOf(ConsentEvent.RecordingPaused.class, ((ConsentLogged) events.get(0)).event());
        int pausedAt = events.indexOf(only(events, RecordingChanged.class));
        int admittedAt = events.indexOf(only(events, Admitted.class));
        assertTrue(pausedAt < admittedAt, "the room hears of the pause before the newcomer appears");
        assertEquals(Set.of(lena), only(events, ConsentAsked.class).audience().recipients());
        assertTrue(events.indexOf(only(events, ConsentAsked.class)) > admittedAt);
        assertEquals(RecordingState.PAUSED, room.recordingState());
    }

    @Test
    void aNewcomerWhoConsentedInTheLobbyKeepsTheRecordingGoing() {
        RecordingId id = recordWithEveryone();
        List<RoomEvent> knocked = room.knock("seat-l", name("Lena"), room.agreement().version(), Optional.empty());
        ParticipantId lena = only(knocked, KnockedIntoLobby.class).you();
        assertEquals(Optional.of(id), only(knocked, KnockedIntoLobby.class).recordingId());
        assertEquals(Set.of(lena), only(knocked, ConsentAsked.class).audience().recipients());
        room.answerRecordingInLobby(lena, true);
        List<RoomEvent> events = room.admit(facilitator, lena);
        assertTrue(all(events, RecordingChanged.class).isEmpty());
        assertTrue(all(events, ConsentAsked.class).isEmpty());
        assertEquals(RecordingState.RECORDING, room.recordingState());
        assertTrue(room.hasRecordingConsent(lena));
    }

    @Test
    void consentGivenWithTheKnockCounts() {
        recordWithEveryone();
        ParticipantId lena = only(room.knock("seat-l", name("Lena"), room.agreement().version(), Optional.of(true)),
                KnockedIntoLobby.class).you();
        room.admit(facilitator, lena);
        assertEquals(RecordingState.RECORDING, room.recordingState());
    }

    @Test
    void aLobbyDeclineKeepsThePauseWithoutAskingAgain() {
        recordWithEveryone();
        ParticipantId lena = knock("seat-l", "Lena");
        room.answerRecordingInLobby(lena, false);
        List<RoomEvent> events = room.admit(facilitator, lena);
        assertTrue(all(events, ConsentAsked.class).isEmpty());
        assertEquals(RecordingState.PAUSED, room.recordingState());
        assertTrue(all(events, ConsentLogged.class).stream()
                .anyMatch(e -> e.event() instanceof ConsentEvent.ConsentDeclined));
    }

    @Test
    void aLobbyAnswerForAnEarlierRecordingDoesNotCount() {
        recordWithEveryone();
        ParticipantId lena = knock("seat-l", "Lena");
        room.answerRecordingInLobby(lena, true);
        room.stopRecording(facilitator);
        room.requestRecording(facilitator);
        room.admit(facilitator, lena);
        assertFalse(room.hasRecordingConsent(lena));
    }

    @Test
    void leavingWhileRecordingLetsTheOthersContinue() {
        recordWithEveryone();
        room.leave(sam);
        assertEquals(RecordingState.RECORDING, room.recordingState());
        room.withdrawConsent(ana);
        List<RoomEvent> events = room.leave(ana);
        assertEquals(RecordingState.RECORDING, only(events, RecordingChanged.class).state(),
                "with the one who withdrew gone, everyone present consents again");
    }

    @Test
    void stopTellsEveryoneAndTheRelayFirst() {
        RecordingId id = recordWithEveryone();
        ParticipantId waiting = knock("seat-w", "Lena");
        List<RoomEvent> events = room.stopRecording(facilitator);
        assertEquals(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), ((ConsentLogged) events.get(0)).event());
        RecordingChanged changed = only(events, RecordingChanged.class);
        assertEquals(Optional.of(ChangeReason.STOPPED), changed.reason());
        assertTrue(changed.audience().includes(waiting));
    }

    @Test
    void endingTheSessionStopsTheRecordingFirst() {
        RecordingId id = recordWithEveryone();
        List<RoomEvent> events = room.end(facilitator);
        assertEquals(new ConsentEvent.RecordingStopped(id, ChangeReason.SESSION_ENDED),
                ((ConsentLogged) events.get(0)).event());
    }

    @Test
    void recordingCommandsThatDoNotFitAreRefused() {
        assertRefused("bad-state", () -> room.withdrawConsent(ana));
        assertRefused("bad-state", () -> room.stopRecording(facilitator));
        ParticipantId lena = knock("seat-l", "Lena");
        assertRefused("bad-state", () -> room.answerRecordingInLobby(lena, true));
        assertRefused("bad-state", () -> room.answerRecordingInLobby(ana, true));
        RecordingId id = recordWithEveryone();
        assertRefused("bad-state", () -> room.requestRecording(facilitator));
        assertRefused("not-admitted", () -> room.consent(lena, id));
        assertRefused("forbidden", () -> room.stopRecording(ana));
        room.stopRecording(facilitator);
        assertRefused("bad-state", () -> room.consent(ana, id));
    }
}

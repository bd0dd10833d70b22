package dev.hearth.signaling.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.ConsentEvent.ConsentDeclined;
import dev.hearth.signaling.consent.ConsentEvent.ConsentGiven;
import dev.hearth.signaling.consent.ConsentEvent.ConsentLapsed;
import dev.hearth.signaling.consent.ConsentEvent.ConsentRequested;
import dev.hearth.signaling.consent.ConsentEvent.ConsentWithdrawn;
import dev.hearth.signaling.consent.ConsentEvent.RecordingPaused;
import dev.hearth.signaling.consent.ConsentEvent.RecordingRequested;
import dev.hearth.signaling.consent.ConsentEvent.RecordingResumed;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStarted;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStopped;
import dev.hearth.signaling.consent.ConsentEvent.RequestCancelled;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingConsentTest {

    private final ParticipantId facilitator = ParticipantId.random();
    private final ParticipantId sam = ParticipantId.random();
    private final ParticipantId ana = ParticipantId.random();
    private final ParticipantId newcomer = ParticipantId.random();
    private RecordingConsent consent;

    @BeforeEach
    void threePeopleInTheRoom() {
        consent = new RecordingConsent();
        consent.admitted(facilitator, false);
        consent.admitted(sam, false);
        consent.admitted(ana, false);
    }

    private RecordingId requestAndEveryoneConsents() {
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        consent.consent(sam, id);
        consent.consent(ana, id);
        assertEquals(RecordingState.RECORDING, consent.state());
        return id;
    }

    @Test
    void requestAsksEveryoneElseAndCountsAsTheRequestersConsent() {
        List<ConsentEvent> events = consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        assertEquals(List.of(new RecordingRequested(id, Set.of(sam, ana)), new ConsentGiven(id, facilitator)), events);
        assertEquals(RecordingState.REQUESTED, consent.state());
        assertEquals(Set.of(sam, ana), consent.awaiting());
        assertTrue(consent.hasConsent(facilitator));
    }

    @Test
    void recordingStartsWhenTheLastPersonConsents() {
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        assertEquals(List.of(new ConsentGiven(id, sam)), consent.consent(sam, id));
        assertEquals(List.of(new ConsentGiven(id, ana), new RecordingStarted(id)), consent.consent(ana, id));
        assertEquals(RecordingState.RECORDING, consent.state());
        assertTrue(consent.awaiting().isEmpty());
    }

    @Test
    void aFacilitatorAloneStartsRecordingByAsking() {
        RecordingConsent alone = new RecordingConsent();
        alone.admitted(facilitator, false);
        List<ConsentEvent> events = alone.request(facilitator, Set.of(facilitator));
        assertInstanceOf(RecordingStarted.class, events.get(events.size() - 1));
        assertEquals(RecordingState.RECORDING, alone.state());
    }

    @Test
    void declineCancelsRequestWithoutNamingWhoDeclined() {
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        consent.consent(sam, id);
        List<ConsentEvent> events = consent.decline(ana, id);
        assertEquals(List.of(new ConsentDeclined(id, ana),
                new RequestCancelled(id, ChangeReason.NOT_EVERYONE_AGREED)), events);
        assertEquals(RecordingState.OFF, consent.state());
        assertFalse(consent.hasConsent(sam), "consent belongs to the cancelled request only");
        // The cancellation is all the group hears about; it carries no participant at all.
        assertEquals(List.of("recordingId", "reason"), recordComponentNames(RequestCancelled.class));
    }

    private List<ConsentEvent> admitAndDecline(ParticipantId who, RecordingId id) {
        consent.admitted(who, false);
        return consent.decline(who, id);
    }

    private static List<String> recordComponentNames(Class<?> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    @Test
    void withdrawalPausesBeforeAnythingElse() {
        RecordingId id = requestAndEveryoneConsents();
        List<ConsentEvent> events = consent.withdraw(sam);
        assertEquals(List.of(new RecordingPaused(id, ChangeReason.CONSENT_WITHDRAWN), new ConsentWithdrawn(id, sam)),
                events);
        assertEquals(RecordingState.PAUSED, consent.state());
    }

    @Test
    void consentingAgainResumesThePausedRecording() {
        RecordingId id = requestAndEveryoneConsents();
        consent.withdraw(sam);
        assertEquals(List.of(new ConsentGiven(id, sam), new RecordingResumed(id)), consent.consent(sam, id));
        assertEquals(RecordingState.RECORDING, consent.state());
    }

    @Test
    void admittingSomeoneWithoutConsentPausesFirstAndAsksThem() {
        RecordingId id = requestAndEveryoneConsents();
        List<ConsentEvent> events = consent.admitted(newcomer, false);
        assertEquals(List.of(new RecordingPaused(id, ChangeReason.JOINED_WITHOUT_CONSENT),
                new ConsentRequested(id, newcomer)), events);
        assertEquals(Set.of(newcomer), consent.awaiting());
    }

    @Test
    void admittingSomeoneWhoConsentedInTheLobbyKeepsRecording() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(new ConsentGiven(id, newcomer)), consent.admitted(newcomer, true));
        assertEquals(RecordingState.RECORDING, consent.state());
    }

    @Test
    void aNewcomerWhoDeclinedKeepsTheRecordingPausedUntilTheyLeave() {
        RecordingId id = requestAndEveryoneConsents();
        consent.admitted(newcomer, false);
        assertEquals(List.of(new ConsentDeclined(id, newcomer)), consent.decline(newcomer, id));
        assertEquals(RecordingState.PAUSED, consent.state());
        assertTrue(consent.awaiting().isEmpty(), "a decline is an answer");
        assertEquals(List.of(new RecordingResumed(id)), consent.left(newcomer));
        assertEquals(RecordingState.RECORDING, consent.state());
    }

    @Test
    void declineWhileRecordingPausesFirst() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(new RecordingPaused(id, ChangeReason.CONSENT_DECLINED), new ConsentDeclined(id, ana)),
                consent.decline(ana, id));
    }

    @Test
    void leavingLosesConsentAndReturningMeansBeingAskedAgain() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(new ConsentLapsed(id, sam)), consent.left(sam));
        assertEquals(RecordingState.RECORDING, consent.state(), "everyone still present consents");
        assertEquals(List.of(new RecordingPaused(id, ChangeReason.JOINED_WITHOUT_CONSENT),
                new ConsentRequested(id, sam)), consent.admitted(sam, false));
        assertFalse(consent.hasConsent(sam));
    }

    @Test
    void anEmptyRoomIsNotRecording() {
        RecordingId id = requestAndEveryoneConsents();
        consent.left(sam);
        consent.left(ana);
        List<ConsentEvent> events = consent.left(facilitator);
        assertEquals(new RecordingPaused(id, ChangeReason.ROOM_EMPTY), events.get(0));
        assertEquals(RecordingState.PAUSED, consent.state());
    }

    @Test
    void requestIsCancelledWhenTheRequesterLeaves() {
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        assertEquals(List.of(new ConsentLapsed(id, facilitator), new RequestCancelled(id, ChangeReason.REQUESTER_LEFT)),
                consent.left(facilitator));
        assertEquals(RecordingState.OFF, consent.state());
    }

    @Test
    void stopEndsRecordingWithTheStopFirst() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(new RecordingStopped(id, ChangeReason.STOPPED)), consent.stop(facilitator));
        assertEquals(RecordingState.OFF, consent.state());
        assertTrue(consent.recordingId().isEmpty());
    }

    @Test
    void stopDuringARequestCancelsIt() {
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        RecordingId id = consent.recordingId().orElseThrow();
        assertEquals(List.of(new RequestCancelled(id, ChangeReason.STOPPED)), consent.stop(facilitator));
    }

    @Test
    void endStopsEverythingAndEmptiesTheRoom() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(new RecordingStopped(id, ChangeReason.SESSION_ENDED)), consent.end());
        assertTrue(consent.admitted().isEmpty());
        assertEquals(List.of(), consent.end());
    }

    @Test
    void answersToAnOldRecordingAreBadState() {
        RecordingId old = requestAndEveryoneConsents();
        consent.stop(facilitator);
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.consent(sam, old)).code());
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.decline(sam, old)).code());
    }

    @Test
    void commandsThatDoNotFitTheStateAreBadState() {
        RecordingId never = RecordingId.random();
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.withdraw(sam)).code());
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.stop(facilitator)).code());
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.consent(sam, never)).code());
        assertEquals("bad-state", assertThrows(HearthException.class,
                () -> consent.request(newcomer, Set.of(facilitator))).code());
        consent.request(facilitator, Set.of(facilitator, sam, ana));
        assertEquals("bad-state", assertThrows(HearthException.class,
                () -> consent.request(facilitator, Set.of(facilitator))).code());
        RecordingId id = consent.recordingId().orElseThrow();
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.consent(newcomer, id)).code());
        assertEquals("bad-state", assertThrows(HearthException.class, () -> consent.admitted(sam, true)).code());
    }

    @Test
    void repeatingAnAnswerChangesNothing() {
        RecordingId id = requestAndEveryoneConsents();
        assertEquals(List.of(), consent.consent(sam, id));
        consent.withdraw(sam);
        assertEquals(List.of(), consent.withdraw(sam));
        assertEquals(List.of(), consent.decline(sam, id), "a withdrawal already said no");
        assertEquals(List.of(new ConsentDeclined(id, newcomer)), admitAndDecline(newcomer, id));
        assertEquals(List.of(), consent.decline(newcomer, id));
        assertEquals(List.of(), consent.left(newcomer));
    }
}

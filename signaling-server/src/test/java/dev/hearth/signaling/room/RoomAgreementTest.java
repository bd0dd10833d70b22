package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.OWNER;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.name;
import static dev.hearth.signaling.room.RoomFixture.all;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Audience.Scope;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.AgreementAcknowledged;
import dev.hearth.signaling.room.RoomEvent.AgreementChanged;
import dev.hearth.signaling.room.RoomEvent.AgreementPendingChanged;
import dev.hearth.signaling.room.RoomEvent.AgreementRevised;
import dev.hearth.signaling.room.RoomEvent.MediaHeld;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13 §3: the living agreement — versions, history, re-acknowledgement, media held until then. */
class RoomAgreementTest extends RoomFixture {

    @Test
    void aRevisionIsTheNextVersionAndTheHistoryKeepsEveryText() {
        String first = room.agreement().text();
        clock.advance(Duration.ofMinutes(5));
        room.reviseAgreement(OWNER, "Be kind.");
        room.reviseAgreement(OWNER, "Be kind. Keep it here.");
        assertEquals(3, room.agreement().version());
        List<AgreementVersion> history = room.agreementHistory();
        assertEquals(List.of(1, 2, 3), history.stream().map(v -> v.agreement().version()).toList());
        assertEquals(List.of(first, "Be kind.", "Be kind. Keep it here."),
                history.stream().map(v -> v.agreement().text()).toList());
        assertEquals(Optional.of(OWNER), history.get(1).revisedBy());
        assertEquals(clock.instant(), history.get(2).at());
    }

    @Test
    void theSameWordsAgainAreNoNewVersion() {
        room.reviseAgreement(OWNER, "Be kind.");
        assertEquals(List.of(), room.reviseAgreement(OWNER, "  Be kind. "));
        assertEquals(2, room.agreement().version());
    }

    @Test
    void theVersionHashNamesTheExactWords() {
        Agreement a = new Agreement(1, "Be kind.");
        assertEquals(64, a.hash().length());
        assertEquals(a.hash(), new Agreement(2, "Be kind.").hash(), "the hash is of the words");
        assertNotEquals(a.hash(), new Agreement(1, "Be kind!").hash());
    }

    @Test
    void onlyThisRoomsFacilitatorsRevise() {
        assertRefused("forbidden", () -> room.reviseAgreement("acct-stranger", "Anything."));
        assertEquals(1, room.agreement().version());
    }

    @Test
    void everyAdmittedMemberMustAcknowledgeAndTheirMediaIsHeldUntilThen() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        ParticipantId kim = join("seat-kim-0000000001", "Kim");
        List<RoomEvent> events = room.reviseAgreement(OWNER, "New words.");

        AgreementRevised revised = only(events, AgreementRevised.class);
        assertEquals(Scope.LEDGER, revised.audience().scope());
        assertEquals(2, revised.agreement().version());
        List<MediaHeld> holds = all(events, MediaHeld.class);
        assertEquals(Set.of(sam, kim), Set.copyOf(holds.stream().map(MediaHeld::participant).toList()));
        assertTrue(holds.stream().allMatch(MediaHeld::held));
        assertTrue(events.indexOf(holds.get(0)) < events.indexOf(only(events, AgreementChanged.class)),
                "the relay holds their media before anyone reads the new words");
        AgreementChanged changed = only(events, AgreementChanged.class);
        assertEquals(Set.of(facilitator, sam, kim), changed.audience().recipients());
        assertEquals("New words.", changed.agreement().text());
        assertEquals(Set.of(facilitator), all(events, AgreementPendingChanged.class).get(0).audience().recipients());
        assertTrue(room.isAgreementPending(sam));
        assertTrue(room.isMediaHeld(sam));
        assertFalse(room.isMediaHeld(facilitator), "the facilitator wrote the new words");
    }

    @Test
    void acknowledgingTheCurrentVersionReleasesTheMediaAndIsRecorded() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        room.reviseAgreement(OWNER, "New words.");
        List<RoomEvent> events = room.acknowledgeAgreement(sam, 2);
        AgreementAcknowledged ack = only(events, AgreementAcknowledged.class);
        assertEquals(sam, ack.participant());
        assertEquals(2, ack.agreement().version());
        assertEquals(Scope.LEDGER, ack.audience().scope());
        MediaHeld released = only(events, MediaHeld.class);
        assertFalse(released.held());
        assertFalse(only(events, AgreementPendingChanged.class).pending());
        assertFalse(room.isMediaHeld(sam));
        assertEquals(List.of(), room.acknowledgeAgreement(sam, 2), "a second acknowledgement changes nothing");
    }

    @Test
    void anOlderVersionDoesNotCount() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        room.reviseAgreement(OWNER, "New words.");
        room.reviseAgreement(OWNER, "Newer words.");
        assertRefused("agreement-required", () -> room.acknowledgeAgreement(sam, 2));
        assertTrue(room.isMediaHeld(sam));
    }

    @Test
    void aKnockRecordsTheAcknowledgementOfTheVersionAccepted() {
        List<RoomEvent> events = knockEvents("seat-sam-0000000001", "Sam");
        AgreementAcknowledged ack = only(events, AgreementAcknowledged.class);
        assertEquals(1, ack.agreement().version());
        assertEquals(room.agreement().hash(), ack.agreement().hash());
    }

    @Test
    void someoneWhoAcceptedAnOlderVersionInTheLobbyIsHeldOnAdmission() {
        ParticipantId sam = knock("seat-sam-0000000001", "Sam");
        room.reviseAgreement(OWNER, "New words.");
        List<RoomEvent> events = room.admit(facilitator, sam);
        Admitted admitted = only(events, Admitted.class);
        assertTrue(admitted.agreementPending());
        assertEquals("New words.", admitted.agreement().text());
        assertTrue(only(events, MediaHeld.class).held());
        assertTrue(events.indexOf(only(events, MediaHeld.class)) < events.indexOf(admitted));
        assertTrue(room.isMediaHeld(sam));
    }

    @Test
    void everyAdmissionCarriesTheAgreementAsAReminder() {
        Admitted admitted = only(room.admit(facilitator, knock("seat-sam-0000000001", "Sam")), Admitted.class);
        assertFalse(admitted.agreementPending());
        assertEquals(room.agreement(), admitted.agreement());
        Admitted entering = only(room.enterAsFacilitator(OWNER, name("Maya")), Admitted.class);
        assertEquals(room.agreement(), entering.agreement());
    }

    @Test
    void aMemberWhoLeavesInsteadIsSimplyGone() {
        ParticipantId sam = join("seat-sam-0000000001", "Sam");
        room.reviseAgreement(OWNER, "New words.");
        room.leave(sam);
        assertFalse(room.isMediaHeld(sam));
        assertFalse(room.isAdmitted(sam));
    }

    @Test
    void aRevisionBetweenSessionsAsksNobodyAndTheNextKnockNeedsTheNewVersion() {
        room.end(facilitator);
        assertEquals(List.of(), all(room.reviseAgreement(OWNER, "New words."), MediaHeld.class));
        assertRefused("session-ended", () -> room.knock("seat-sam-0000000001", name("Sam"), 2, Optional.empty()));
        room.enterAsFacilitator(OWNER, name("Maya"));
        assertRefused("agreement-required", () -> room.knock("seat-sam-0000000001", name("Sam"), 1, Optional.empty()));
    }
}

package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.OWNER;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.name;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Audience.Scope;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.Denied;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import dev.hearth.signaling.room.RoomEvent.LobbyChanged;
import dev.hearth.signaling.room.RoomEvent.LockChanged;
import dev.hearth.signaling.room.RoomEvent.MuteChanged;
import dev.hearth.signaling.room.RoomEvent.ParticipantJoined;
import dev.hearth.signaling.room.RoomEvent.ParticipantLeft;
import dev.hearth.signaling.room.RoomEvent.ParticipantRenamed;
import dev.hearth.signaling.room.RoomEvent.Removed;
import dev.hearth.signaling.room.RoomEvent.SessionEnded;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomTest extends RoomFixture {

    // ---- entering

    @Test
    void facilitatorEntersDirectlyAndSeesTheLobby() {
        knock("seat-1", "Sam");
        List<RoomEvent> events = room.enterAsFacilitator(OWNER, name("Maya"));
        Admitted admitted = only(events, Admitted.class);
        assertEquals(Role.FACILITATOR, admitted.you().role());
        assertEquals("Maya (2)", admitted.you().displayName(), "the owner's second tab is a second Maya");
        LobbyChanged lobby = only(events, LobbyChanged.class);
        assertEquals(Set.of(admitted.you().id()), lobby.audience().recipients());
        assertEquals(List.of("Sam"), lobby.lobby().stream().map(LobbyEntry::firstName).toList());
    }

    @Test
    void onlyTheOwnerEntersAsFacilitator() {
        assertRefused("forbidden", () -> room.enterAsFacilitator("acct-someone-else", name("Maya")));
    }

    @Test
    void knockPutsAPersonInTheLobbyAndTellsOnlyFacilitators() {
        List<RoomEvent> events = knockEvents("seat-1", "Sam");
        KnockedIntoLobby knocked = only(events, KnockedIntoLobby.class);
        assertEquals(Set.of(knocked.you()), knocked.audience().recipients());
        assertEquals(RecordingState.OFF, knocked.recordingState());
        LobbyChanged lobby = only(events, LobbyChanged.class);
        assertEquals(Set.of(facilitator), lobby.audience().recipients());
        assertTrue(room.isWaiting(knocked.you()));
        assertFalse(room.isAdmitted(knocked.you()));
    }

    @Test
    void lockedRoomRejectsNewJoin() {
        room.lock(facilitator);
        assertRefused("room-locked", () -> knock("seat-1", "Sam"));
    }

    @Test
    void removedSeatCannotKnockAgainThisSession() {
        ParticipantId sam = join("seat-1", "Sam");
        room.remove(facilitator, sam);
        assertRefused("removed", () -> knock("seat-1", "Samuel"));
        knock("seat-2", "Ana");
    }

    @Test
    void knockWithAnOutdatedAgreementIsRefused() {
        int old = room.agreement().version();
        room.setAgreement("New words.");
        assertEquals(old + 1, room.agreement().version());
        assertRefused("agreement-required",
                () -> room.knock("seat-1", name("Sam"), old, Optional.empty()));
        room.knock("seat-1", name("Sam"), old + 1, Optional.empty());
    }

    @Test
    void knockAfterTheSessionEndedIsRefused() {
        room.end(facilitator);
        assertRefused("session-ended", () -> knock("seat-1", "Sam"));
    }

    @Test
    void secondKnockFromTheSameSeatReplacesTheFirst() {
        ParticipantId first = knock("seat-1", "Sam");
        ParticipantId second = knock("seat-1", "Sam");
        assertEquals(List.of(second), room.lobby().stream().map(LobbyEntry::id).toList());
        assertFalse(room.isWaiting(first));
    }

    @Test
    void cancelKnockLeavesTheLobby() {
        ParticipantId sam = knock("seat-1", "Sam");
        LobbyChanged changed = only(room.cancelKnock(sam), LobbyChanged.class);
        assertTrue(changed.lobby().isEmpty());
        assertRefused("not-found", () -> room.cancelKnock(sam));
    }

    // ---- admit and deny

    @Test
    void admitLetsTheMemberInWithEverythingTheyNeed() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantId sam = knock("seat-1", "Sam");
        List<RoomEvent> events = room.admit(facilitator, sam);
        Admitted admitted = only(events, Admitted.class);
        assertEquals(Set.of(sam), admitted.audience().recipients());
        assertEquals(new ParticipantView(sam, "Sam", Role.MEMBER, false), admitted.you());
        assertEquals(List.of("Maya", "Ana", "Sam"),
                admitted.participants().stream().map(ParticipantView::displayName).toList());
        assertEquals(room.resumeToken(sam), admitted.resumeToken());
        ParticipantJoined joined = only(events, ParticipantJoined.class);
        assertEquals(Set.of(facilitator, ana), joined.audience().recipients());
        assertTrue(only(events, LobbyChanged.class).lobby().isEmpty());
        assertTrue(room.isAdmitted(sam));
        assertEquals(Role.MEMBER, room.role(sam));
    }

    @Test
    void denyTellsOnlyTheWaiter() {
        ParticipantId sam = knock("seat-1", "Sam");
        List<RoomEvent> events = room.deny(facilitator, sam);
        assertEquals(Set.of(sam), only(events, Denied.class).audience().recipients());
        assertFalse(room.isWaiting(sam));
        assertRefused("not-found", () -> room.admit(facilitator, sam));
    }

    @Test
    void onlyAdmittedFacilitatorsDecide() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantId sam = knock("seat-1", "Sam");
        ParticipantId stranger = ParticipantId.random();
        assertRefused("forbidden", () -> room.admit(ana, sam));
        assertRefused("forbidden", () -> room.deny(ana, sam));
        assertRefused("not-admitted", () -> room.admit(sam, sam));
        assertRefused("not-found", () -> room.admit(stranger, sam));
        assertRefused("not-found", () -> room.admit(facilitator, stranger));
        assertRefused("forbidden", () -> room.lock(ana));
        assertRefused("forbidden", () -> room.mute(ana, facilitator));
        assertRefused("forbidden", () -> room.remove(ana, facilitator));
        assertRefused("forbidden", () -> room.end(ana));
        assertRefused("forbidden", () -> room.requestRecording(ana));
        assertRefused("not-admitted", () -> room.lock(sam));
        assertRefused("not-admitted", () -> room.requestRecording(sam));
        assertRefused("not-admitted", () -> room.withdrawConsent(sam));
        assertRefused("not-admitted", () -> room.role(sam));
        assertTrue(room.isWaiting(sam), "refusals change nothing");
    }

    // ---- lock, mute

    @Test
    void lockAndUnlockAreAnnouncedToTheRoom() {
        ParticipantId ana = join("seat-0", "Ana");
        LockChanged locked = only(room.lock(facilitator), LockChanged.class);
        assertTrue(locked.locked());
        assertEquals(Set.of(facilitator, ana), locked.audience().recipients());
        assertTrue(room.isLocked());
        assertEquals(List.of(), room.lock(facilitator), "locking a locked room changes nothing");
        assertFalse(only(room.unlock(facilitator), LockChanged.class).locked());
        knock("seat-1", "Sam");
    }

    @Test
    void lockedRoomStillAdmitsThoseAlreadyWaiting() {
        ParticipantId sam = knock("seat-1", "Sam");
        room.lock(facilitator);
        room.admit(facilitator, sam);
        assertTrue(room.isAdmitted(sam));
    }

    @Test
    void muteIsAnnouncedAndTheRelayCanAskForIt() {
        ParticipantId ana = join("seat-0", "Ana");
        MuteChanged muted = only(room.mute(facilitator, ana), MuteChanged.class);
        assertEquals(new MuteChanged(new Audience(Scope.ADMITTED, Set.of(facilitator, ana)), ana, true), muted);
        assertTrue(room.isMuted(ana));
        assertTrue(room.participants().get(1).muted());
        assertEquals(List.of(), room.mute(facilitator, ana));
        assertFalse(only(room.unmute(facilitator, ana), MuteChanged.class).muted());
        assertFalse(room.isMuted(ana));
    }

    @Test
    void mutingSomeoneInTheLobbyIsNotAdmitted() {
        ParticipantId sam = knock("seat-1", "Sam");
        assertRefused("not-admitted", () -> room.mute(facilitator, sam));
        assertRefused("not-found", () -> room.mute(facilitator, ParticipantId.random()));
    }

    // ---- remove

    @Test
    void removeClosesTheMembersSessionAndTellsTheRoomOnlyThatTheyLeft() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantId sam = join("seat-1", "Sam");
        String token = room.resumeToken(sam);
        List<RoomEvent> events = room.remove(facilitator, sam);
        assertEquals(Set.of(sam), only(events, Removed.class).audience().recipients());
        ParticipantLeft left = only(events, ParticipantLeft.class);
        assertEquals(Set.of(facilitator, ana), left.audience().recipients());
        assertFalse(room.isAdmitted(sam));
        assertRefused("resume-expired", () -> room.resume(token));
    }

    @Test
    void removingSomeoneWaitingBansTheirSeatToo() {
        ParticipantId sam = knock("seat-1", "Sam");
        assertEquals(Set.of(sam), only(room.remove(facilitator, sam), Removed.class).audience().recipients());
        assertRefused("removed", () -> knock("seat-1", "Sam"));
    }

    @Test
    void facilitatorsCannotBeRemoved() {
        assertRefused("forbidden", () -> room.remove(facilitator, facilitator));
    }

    // ---- rename and display names

    @Test
    void facilitatorRenamesAMember() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantRenamed renamed = only(room.rename(facilitator, ana, name("Anna")), ParticipantRenamed.class);
        assertEquals("Anna", renamed.participant().displayName());
        assertEquals(Set.of(facilitator, ana), renamed.audience().recipients());
        assertEquals(List.of(), room.rename(facilitator, ana, name("Anna")));
    }

    @Test
    void membersCannotRenameAnyoneNotEvenThemselves() {
        ParticipantId ana = join("seat-0", "Ana");
        assertRefused("forbidden", () -> room.rename(ana, ana, name("Facilitatrix")));
        assertRefused("forbidden", () -> room.rename(ana, facilitator, name("Bob")));
    }

    @Test
    void sameFirstNamesAreToldApartByNumberOnly() {
        join("seat-1", "Sam");
        join("seat-2", "sam");
        ParticipantId third = join("seat-3", "SAM");
        assertEquals(List.of("Maya", "Sam", "sam (2)", "SAM (3)"),
                room.participants().stream().map(ParticipantView::displayName).toList());
        room.leave(room.participants().get(1).id());
        ParticipantId fourth = join("seat-4", "Sam");
        assertEquals("Sam", room.participants().stream().filter(p -> p.id().equals(fourth)).findFirst()
                .orElseThrow().displayName(), "the freed number is reused");
        room.rename(facilitator, third, name("Sam"));
        assertEquals("Sam (3)", view(third).displayName(), "a rename keeps a free number");
        ParticipantId ana = join("seat-5", "Ana");
        room.rename(facilitator, ana, name("SAM"));
        assertEquals("SAM (4)", view(ana).displayName());
    }

    @Test
    void lookAlikeNamesFromAnotherScriptAreToldApartToo() {
        join("seat-1", "Joe");
        ParticipantId cyrillic = join("seat-2", "\u0408\u043E\u0435"); // all-Cyrillic Јое
        assertEquals("\u0408\u043E\u0435 (2)", view(cyrillic).displayName());
    }

    @Test
    void invisibleMarksCannotMakeASecondAnnaWithoutANumber() {
        join("seat-1", "Anna");
        for (String hidden : List.of("An\u034Fna", "Ann\uFE0Fa", "Anna\uDB40\uDD00")) {
            assertEquals("invalid-name", org.junit.jupiter.api.Assertions.assertThrows(HearthException.class,
                    () -> knock("seat-x", hidden)).code(), "refused before it can reach the room");
        }
    }

    private ParticipantView view(ParticipantId id) {
        return room.participants().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- leave and end

    @Test
    void leaveIsAnnouncedAndIdempotent() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantLeft left = only(room.leave(ana), ParticipantLeft.class);
        assertEquals(new ParticipantLeft(new Audience(Scope.ADMITTED, Set.of(facilitator)), ana), left);
        assertEquals(List.of(), room.leave(ana));
        assertEquals(List.of(), room.leave(ParticipantId.random()));
    }

    @Test
    void leavingTheLobbyIsCancellingTheKnock() {
        ParticipantId sam = knock("seat-1", "Sam");
        assertTrue(only(room.leave(sam), LobbyChanged.class).lobby().isEmpty());
    }

    @Test
    void endTellsEveryoneIncludingTheLobby() {
        ParticipantId ana = join("seat-0", "Ana");
        ParticipantId sam = knock("seat-1", "Sam");
        SessionEnded ended = only(room.end(facilitator), SessionEnded.class);
        assertEquals(new Audience(Scope.EVERYONE, Set.of(facilitator, ana, sam)), ended.audience());
        assertTrue(room.isEnded());
        assertTrue(room.participants().isEmpty());
        assertTrue(room.lobby().isEmpty());
    }

    @Test
    void commandsAfterTheEndAreSessionEnded() {
        ParticipantId ana = join("seat-0", "Ana");
        room.end(facilitator);
        assertRefused("session-ended", () -> room.lock(facilitator));
        assertRefused("session-ended", () -> room.requestRecording(facilitator));
        assertRefused("session-ended", () -> room.withdrawConsent(ana));
        assertRefused("session-ended", () -> room.end(facilitator));
        assertEquals(List.of(), room.leave(ana));
        assertEquals(List.of(), room.disconnected(ana));
    }

    @Test
    void facilitatorReturningStartsAFreshSession() {
        ParticipantId sam = join("seat-1", "Sam");
        room.remove(facilitator, sam);
        room.lock(facilitator);
        room.end(facilitator);
        room.enterAsFacilitator(OWNER, name("Maya"));
        assertFalse(room.isEnded());
        assertFalse(room.isLocked());
        knock("seat-1", "Sam");
    }

    @Test
    void roomTitleAndAgreementAreChecked() {
        assertRefused("invalid-input", () -> new Room(RoomId.random(), OWNER, "  ", Agreement.defaultAgreement(), clock));
        assertRefused("invalid-input",
                () -> new Room(RoomId.random(), OWNER, "x".repeat(81), Agreement.defaultAgreement(), clock));
        assertRefused("invalid-input", () -> new Room(RoomId.random(), OWNER, "Tue\nWed", Agreement.defaultAgreement(),
                clock));
        assertRefused("invalid-input", () -> room.setAgreement(" "));
        assertEquals("Tuesday group", room.title());
        assertEquals(OWNER, room.ownerAccountId());
    }

    @Test
    void defaultAgreementSpeaksPlainly() {
        Agreement agreement = Agreement.defaultAgreement();
        assertEquals(1, agreement.version());
        assertTrue(agreement.text().contains("What is said here stays here"));
        assertTrue(agreement.text().contains("screenshot"));
        assertTrue(agreement.text().contains("first name"));
    }

    @Test
    void refusalsCarryAMessageForPeople() {
        room.lock(facilitator);
        HearthException e = org.junit.jupiter.api.Assertions.assertThrows(HearthException.class,
                () -> knock("seat-1", "Sam"));
        assertFalse(e.getMessage().isBlank());
    }
}

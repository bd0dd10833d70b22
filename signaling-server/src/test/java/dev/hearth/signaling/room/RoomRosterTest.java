package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.OWNER;
import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.Removed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 13 §4: the group's roster by first name and device seat; leaving the group ends that seat for good. */
class RoomRosterTest extends RoomFixture {

    private static final String SAM_SEAT = "seat-sam-0000000001";

    @Test
    void everyAdmittedSeatJoinsTheRosterOnceByFirstName() {
        join(SAM_SEAT, "Sam");
        join("seat-kim-0000000001", "Kim");
        room.end(facilitator);
        ParticipantId next = only(room.enterAsFacilitator(OWNER, name("Maya")), RoomEvent.Admitted.class).you().id();
        room.admit(next, knock(SAM_SEAT, "Sam"));
        List<RosterEntry> roster = room.roster();
        assertEquals(List.of("Sam", "Kim"), roster.stream().map(RosterEntry::firstName).toList());
        assertTrue(roster.stream().noneMatch(RosterEntry::departed));
    }

    @Test
    void theRosterNeverHoldsMoreThanAFirstName() {
        join(SAM_SEAT, "Sam");
        RosterEntry entry = room.roster().get(0);
        assertFalse(entry.toString().contains(SAM_SEAT));
        assertTrue(entry.id().startsWith("m-"));
        assertEquals(4, RosterEntry.class.getRecordComponents().length, "id, first name, since, departed: nothing more");
    }

    @Test
    void aMemberWhoLeftTheGroupIsRemovedAndTheirSeatNeverWorksAgain() {
        ParticipantId sam = join(SAM_SEAT, "Sam");
        String resume = room.resumeToken(sam);
        String id = room.roster().get(0).id();
        List<RoomEvent> events = room.markLeftGroup(OWNER, id);
        assertEquals(java.util.Set.of(sam), only(events, Removed.class).audience().recipients());
        assertFalse(room.isAdmitted(sam));
        assertFalse(room.holdsResumeToken(resume));
        assertTrue(room.roster().get(0).departed());
        assertRefused("left-group", () -> room.knock(SAM_SEAT, name("Sam"), 1, Optional.empty()));
        room.end(facilitator);
        room.enterAsFacilitator(OWNER, name("Maya"));
        assertRefused("left-group", () -> room.knock(SAM_SEAT, name("Sam"), 1, Optional.empty()));
    }

    @Test
    void leavingTheGroupNamesTheInvitesOnlyThatMemberCameWithNotTheSharedLink() {
        ParticipantId sam = only(room.knock(SAM_SEAT, name("Sam"), 1, Optional.empty(), Optional.empty(),
                Optional.of("inv-sam")), RoomEvent.KnockedIntoLobby.class).you();
        room.admit(facilitator, sam);
        room.end(facilitator);
        ParticipantId facilitatorNow = only(room.enterAsFacilitator(OWNER, name("Maya")), RoomEvent.Admitted.class)
                .you().id();
        ParticipantId samAgain = only(room.knock(SAM_SEAT, name("Sam"), 1, Optional.empty(), Optional.empty(),
                Optional.of("inv-shared")), RoomEvent.KnockedIntoLobby.class).you();
        ParticipantId kim = only(room.knock("seat-kim-0000000001", name("Kim"), 1, Optional.empty(),
                Optional.empty(), Optional.of("inv-shared")), RoomEvent.KnockedIntoLobby.class).you();
        room.admit(facilitatorNow, samAgain);
        room.admit(facilitatorNow, kim);
        String samLine = room.roster().get(0).id();
        String kimLine = room.roster().get(1).id();

        assertEquals(java.util.Set.of("inv-sam"), room.invitesOnlyOf(samLine), "Kim uses the shared link too");
        room.markLeftGroup(OWNER, kimLine);
        assertEquals(java.util.Set.of("inv-sam", "inv-shared"), room.invitesOnlyOf(samLine),
                "nobody still in the group uses the shared link once Kim left");
        assertEquals(java.util.Set.of(), room.invitesOnlyOf("m-nobody"));
    }

    @Test
    void departureBetweenSessionsNeedsNoSession() {
        join(SAM_SEAT, "Sam");
        room.end(facilitator);
        assertEquals(List.of(), room.markLeftGroup(OWNER, room.roster().get(0).id()));
        room.enterAsFacilitator(OWNER, name("Maya"));
        assertRefused("left-group", () -> room.knock(SAM_SEAT, name("Sam"), 1, Optional.empty()));
    }

    @Test
    void onlyTheRoomsFacilitatorsMarkDepartures() {
        join(SAM_SEAT, "Sam");
        assertRefused("forbidden", () -> room.markLeftGroup("acct-stranger", room.roster().get(0).id()));
        assertRefused("not-found", () -> room.markLeftGroup(OWNER, "m-nobody"));
    }
}

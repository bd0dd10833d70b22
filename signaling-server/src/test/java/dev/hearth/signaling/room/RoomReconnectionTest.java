package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static dev.hearth.signaling.room.RoomFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.ConsentAsked;
import dev.hearth.signaling.room.RoomEvent.ConsentLogged;
import dev.hearth.signaling.room.RoomEvent.LobbyChanged;
import dev.hearth.signaling.room.RoomEvent.ParticipantLeft;
import dev.hearth.signaling.room.RoomEvent.PresenceChanged;
import dev.hearth.signaling.room.RoomEvent.Resumed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomReconnectionTest extends RoomFixture {

    private final ParticipantId ana = join("seat-a", "Ana");

    @Test
    void resumeTokenIsLongRandomAndUrlSafe() {
        String token = room.resumeToken(ana);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "32 random bytes in base64url");
        assertNotEquals(token, room.resumeToken(facilitator));
    }

    @Test
    void disconnectingKeepsThePlaceAndTellsFacilitators() {
        PresenceChanged away = only(room.disconnected(ana), PresenceChanged.class);
        assertEquals(new PresenceChanged(new Audience(Audience.Scope.FACILITATORS, Set.of(facilitator)), ana, true), away);
        assertTrue(room.isAdmitted(ana));
        assertTrue(room.isAway(ana));
        assertEquals(List.of(), room.disconnected(ana), "already away");
        assertEquals(Optional.of(clock.instant().plus(Room.RECONNECT_GRACE)), room.nextExpiry());
    }

    @Test
    void resumeWithinThirtySecondsRotatesTheToken() {
        String token = room.resumeToken(ana);
        room.disconnected(ana);
        clock.advance(Duration.ofSeconds(30));
        Resumption resumption = room.resume(token);
        assertEquals(ana, resumption.participant());
        Resumed resumed = only(resumption.events(), Resumed.class);
        assertEquals(Set.of(ana), resumed.audience().recipients());
        assertEquals(room.resumeToken(ana), resumed.resumeToken());
        assertNotEquals(token, resumed.resumeToken());
        assertFalse(only(resumption.events(), PresenceChanged.class).away());
        assertFalse(room.isAway(ana));
        assertRefused("resume-expired", () -> room.resume(token));
        assertEquals(Optional.empty(), room.nextExpiry());
    }

    @Test
    void resumeReplacesAConnectionNotYetNoticedAsGone() {
        String token = room.resumeToken(ana);
        Resumption resumption = room.resume(token);
        assertEquals(ana, resumption.participant());
        assertTrue(resumption.events().stream().noneMatch(e -> e instanceof PresenceChanged));
    }

    @Test
    void facilitatorResumingSeesTheLobbyAgain() {
        knock("seat-w", "Lena");
        Resumption resumption = room.resume(room.resumeToken(facilitator));
        assertEquals(1, only(resumption.events(), LobbyChanged.class).lobby().size());
    }

    @Test
    void resumeAfterThirtySecondsIsExpired() {
        String token = room.resumeToken(ana);
        room.disconnected(ana);
        clock.advance(Duration.ofSeconds(31));
        assertRefused("resume-expired", () -> room.resume(token));
        assertRefused("resume-expired", () -> room.resume("not-a-token"));
        assertRefused("resume-expired", () -> room.resume(null));
    }

    @Test
    void expireTurnsOverdueAbsencesIntoDepartures() {
        ParticipantId sam = join("seat-s", "Sam");
        room.disconnected(ana);
        clock.advance(Duration.ofSeconds(20));
        room.disconnected(sam);
        clock.advance(Duration.ofSeconds(11));
        List<RoomEvent> events = room.expire();
        assertEquals(List.of(ana), events.stream().filter(e -> e instanceof ParticipantLeft)
                .map(e -> ((ParticipantLeft) e).participant()).toList());
        assertFalse(room.isAdmitted(ana));
        assertTrue(room.isAdmitted(sam));
        assertEquals(Optional.of(clock.instant().plusSeconds(19)), room.nextExpiry());
        assertEquals(List.of(), room.expire());
    }

    @Test
    void expiryHasTheConsentEffectsOfLeaving() {
        room.requestRecording(facilitator);
        RecordingId id = room.recordingId().orElseThrow();
        room.consent(ana, id);
        room.disconnected(ana);
        clock.advance(Duration.ofMinutes(1));
        List<RoomEvent> events = room.expire();
        assertTrue(events.get(0) instanceof ConsentLogged, "the ledger hears first");
        assertFalse(room.hasRecordingConsent(ana));
        assertEquals(RecordingState.RECORDING, room.recordingState(), "the facilitator alone still consents");
    }

    @Test
    void someoneAskedAboutRecordingIsAskedAgainAfterResuming() {
        room.requestRecording(facilitator);
        room.disconnected(ana);
        Resumption resumption = room.resume(room.resumeToken(ana));
        assertEquals(Set.of(ana), only(resumption.events(), ConsentAsked.class).audience().recipients());
    }

    @Test
    void disconnectingFromTheLobbyEndsTheWait() {
        ParticipantId lena = knock("seat-w", "Lena");
        assertTrue(only(room.disconnected(lena), LobbyChanged.class).lobby().isEmpty());
        assertFalse(room.isWaiting(lena));
        assertRefused("not-found", () -> room.resumeToken(lena));
    }

    @Test
    void resumeAfterTheSessionEndedIsRefused() {
        String token = room.resumeToken(ana);
        room.end(facilitator);
        assertRefused("session-ended", () -> room.resume(token));
    }
}

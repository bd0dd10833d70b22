package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13 §2: an incident goes open → mitigated → closed, never back, and remembers each step. */
class IncidentTest {

    private final Instant t0 = Instant.parse("2026-01-05T18:00:00Z");

    private Incident incident() {
        return Incident.open(IncidentId.random(), "r-room", "acct-f", t0, List.of("room-locked"), List.of(7L, 8L));
    }

    @Test
    void aReportOpensTheIncidentWithWhatWasDone() {
        Incident incident = incident();
        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(List.of("room-locked"), incident.actions());
        assertEquals(List.of(7L, 8L), incident.auditEntries());
        assertEquals(1, incident.history().size());
        assertEquals("acct-f", incident.history().get(0).by());
    }

    @Test
    void itMovesForwardStepByStepAndRemembersWhoMovedIt() {
        Incident incident = incident();
        incident.moveTo(IncidentStatus.MITIGATED, "acct-f", t0.plusSeconds(60));
        incident.moveTo(IncidentStatus.CLOSED, "acct-admin", t0.plusSeconds(120));
        assertEquals(IncidentStatus.CLOSED, incident.status());
        assertEquals(List.of(IncidentStatus.OPEN, IncidentStatus.MITIGATED, IncidentStatus.CLOSED),
                incident.history().stream().map(Incident.Step::status).toList());
        assertEquals("acct-admin", incident.history().get(2).by());
    }

    @Test
    void anOpenIncidentMayBeClosedAtOnce() {
        Incident incident = incident();
        incident.moveTo(IncidentStatus.CLOSED, "acct-admin", t0.plusSeconds(60));
        assertEquals(IncidentStatus.CLOSED, incident.status());
    }

    @Test
    void itNeverMovesBackNorStaysPut() {
        Incident incident = incident();
        assertRefused("bad-state", () -> incident.moveTo(IncidentStatus.OPEN, "acct-f", t0));
        incident.moveTo(IncidentStatus.MITIGATED, "acct-f", t0);
        assertRefused("bad-state", () -> incident.moveTo(IncidentStatus.OPEN, "acct-f", t0));
        assertRefused("bad-state", () -> incident.moveTo(IncidentStatus.MITIGATED, "acct-f", t0));
        incident.moveTo(IncidentStatus.CLOSED, "acct-f", t0);
        for (IncidentStatus any : IncidentStatus.values()) {
            assertRefused("bad-state", () -> incident.moveTo(any, "acct-f", t0));
        }
        assertEquals(3, incident.history().size());
    }

    @Test
    void statusesReadFromTheWireByName() {
        assertEquals(IncidentStatus.MITIGATED, IncidentStatus.parse("mitigated"));
        assertRefused("invalid-input", () -> IncidentStatus.parse("resolved"));
    }
}

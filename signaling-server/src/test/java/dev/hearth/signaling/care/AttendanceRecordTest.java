package dev.hearth.signaling.care;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttendanceRecordTest {

    @TempDir
    Path dataDir;

    private final byte[] key = new byte[32];
    private final Instant t0 = Instant.parse("2026-01-05T18:00:00Z");

    @Test
    void joinsAndLeavesAreKeptPerSessionAndSurviveARestart() throws Exception {
        AttendanceRecord record = AttendanceRecord.open(dataDir, key);
        record.joined("r-room", "s-1", "p-maya", "facilitator", "Maya", t0);
        record.joined("r-room", "s-1", "p-sam", "member", "Sam", t0.plusSeconds(60));
        record.left("r-room", "s-1", "p-sam", t0.plusSeconds(600));
        record.ended("r-room", "s-1", t0.plusSeconds(3600));
        record.joined("r-other", "s-2", "p-kim", "member", "Kim", t0);

        AttendanceRecord reopened = AttendanceRecord.open(dataDir, key);
        List<AttendanceRecord.SessionView> sessions = reopened.sessionsOf("r-room");
        assertEquals(1, sessions.size());
        AttendanceRecord.SessionView session = sessions.get(0);
        assertEquals(Optional.of(t0.plusSeconds(3600)), session.endedAt());
        assertEquals(List.of("Maya", "Sam"), session.people().stream().map(AttendanceRecord.Presence::firstName).toList());
        assertEquals(Optional.of(t0.plusSeconds(600)), session.people().get(1).leftAt());
        assertEquals(Optional.of(t0.plusSeconds(3600)), session.people().get(0).leftAt(), "still inside at the end");
        assertEquals("p-sam", session.people().get(1).participantId());
        assertEquals(1, reopened.sessionsOf("r-other").size(), "each room sees its own sessions only");
    }

    @Test
    void namesAreSealedAtRestAndTheFileIsPrivate() throws Exception {
        AttendanceRecord.open(dataDir, key).joined("r-room", "s-1", "p-sam", "member", "Bartholomew", t0);
        Path file = dataDir.resolve(AttendanceRecord.FILE_NAME);
        assertFalse(Files.readString(file).contains("Bartholomew"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] otherKey = Arrays.copyOf(key, 32);
        otherKey[0] = 1;
        assertEquals("(unreadable)", AttendanceRecord.open(dataDir, otherKey).sessionsOf("r-room").get(0).people()
                .get(0).firstName());
    }

    @Test
    void thePurgeDeletesSessionsPastTheCutoffOnly() {
        AttendanceRecord record = AttendanceRecord.open(dataDir, key);
        record.joined("r-room", "s-old", "p-sam", "member", "Sam", t0);
        record.ended("r-room", "s-old", t0.plusSeconds(3600));
        record.joined("r-room", "s-new", "p-sam", "member", "Sam", t0.plus(Duration.ofDays(10)));
        assertEquals(1, record.purgeBefore(t0.plus(Duration.ofDays(5))));
        assertEquals(List.of("s-new"), record.sessionsOf("r-room").stream().map(AttendanceRecord.SessionView::sessionId).toList());
        assertTrue(AttendanceRecord.open(dataDir, key).sessionsOf("r-room").size() == 1);
    }
}

package dev.hearth.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.relay.recording.RecordingStatus;
import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.recording.InMemoryArchive;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomShreddingTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock();
    private final InMemoryArchive archive = new InMemoryArchive();
    private RecordingCatalog catalog;
    private AuditLog audit;
    private RoomShredding shredding;

    @BeforeEach
    void setUp() {
        catalog = RecordingCatalog.open(dataDir, archive);
        audit = AuditLog.open(dataDir, clock);
        shredding = new RoomShredding(catalog, archive, audit);
    }

    private String recording(String id, String room, boolean inCatalog) {
        if (inCatalog) {
            catalog.started(id, room, "acct-f", clock.instant(), Map.of("p-1", "Sam"));
            catalog.ended(id, clock.instant());
        }
        archive.add(new RecordingInfo(id, room, clock.instant(), Duration.ofMinutes(1), RecordingStatus.COMPLETE,
                List.of("p-1"), 1000));
        return id;
    }

    @Test
    void everyRecordingOfTheRoomIsShreddedButHeldOnesAndOtherRoomsStay() {
        String plain = recording("rec-1", "r-gone", true);
        String lostFromCatalog = recording("rec-2", "r-gone", false);
        String held = recording("rec-3", "r-gone", true);
        String otherRoom = recording("rec-4", "r-other", true);
        catalog.setHold(held, true, Optional.empty());

        RoomShredding.Result result = shredding.shredRoom("r-gone", "acct-f");

        assertEquals(List.of(plain, held, lostFromCatalog).stream().filter(id -> !id.equals(held)).sorted().toList(),
                result.shredded().stream().sorted().toList());
        assertEquals(List.of(held), result.keptOnHold());
        assertTrue(result.failed().isEmpty());
        assertEquals(result.shredded().stream().sorted().toList(), archive.shredded.stream().sorted().toList());
        assertTrue(catalog.find(plain).isEmpty());
        assertTrue(catalog.find(held).isPresent());
        assertTrue(catalog.find(otherRoom).isPresent());
        assertTrue(archive.recordings.containsKey(otherRoom));
        List<AuditEntry> entries = audit.page(0, 100);
        assertEquals(2, entries.stream().filter(e -> e.type().equals("recording.purge")
                && "room-deleted".equals(e.details().get("reason"))).count());
    }

    @Test
    void aRecordingTheArchiveCannotShredIsReportedAndKept() {
        String id = recording("rec-1", "r-gone", true);
        archive.failShredding = true;
        RoomShredding.Result result = shredding.shredRoom("r-gone", "acct-f");
        assertEquals(List.of(id), result.failed());
        assertTrue(catalog.find(id).isPresent());
    }
}

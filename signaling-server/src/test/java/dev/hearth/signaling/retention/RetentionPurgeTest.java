package dev.hearth.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.relay.recording.RecordingStatus;
import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerSigningKey;
import dev.hearth.signaling.recording.InMemoryArchive;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPurgeTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock();
    private final InMemoryArchive archive = new InMemoryArchive();
    private RetentionSettings settings;
    private RecordingCatalog catalog;
    private ConsentLedger ledger;
    private AuditLog audit;
    private RetentionPurge purge;

    @BeforeEach
    void setUp() {
        settings = RetentionSettings.open(dataDir, 10);
        settings.update(new RetentionPolicy(30, 60, 60));
        catalog = RecordingCatalog.open(dataDir, archive);
        ledger = ConsentLedger.open(dataDir, LedgerSigningKey.loadOrCreate(dataDir), clock);
        audit = AuditLog.open(dataDir, clock);
        purge = new RetentionPurge(settings, catalog, archive, ledger, audit, clock);
    }

    /** A recording that ran for a minute, stopped now. */
    private RecordingId finishedRecording() {
        RecordingId id = RecordingId.random();
        Instant start = clock.instant();
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        catalog.started(id.value(), "r-room", "acct-f", start, Map.of("p-1", "Sam"));
        clock.advance(Duration.ofMinutes(1));
        ledger.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        catalog.ended(id.value(), clock.instant());
        archive.add(new RecordingInfo(id.value(), "r-room", start, Duration.ofMinutes(1), RecordingStatus.COMPLETE,
                List.of("p-1"), 1000));
        return id;
    }

    private List<String> auditTypes() {
        return audit.page(0, 1000).stream().map(AuditEntry::type).toList();
    }

    @Test
    void nothingIsShreddedBeforeItsRetentionRunsOut() {
        RecordingId id = finishedRecording();
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        PurgeReport report = purge.run("system");
        assertTrue(report.recordingsShredded().isEmpty());
        assertTrue(archive.recordings.containsKey(id.value()));
        assertTrue(auditTypes().isEmpty(), "an hourly run that changed nothing leaves no audit entry");
    }

    @Test
    void anExpiredRecordingIsShreddedItsNamesForgottenAndThePurgeAudited() {
        RecordingId id = finishedRecording();
        clock.advance(Duration.ofDays(30));
        PurgeReport report = purge.run("system");
        assertEquals(List.of(id.value()), report.recordingsShredded());
        assertEquals(List.of(id.value()), archive.shredded);
        assertTrue(catalog.find(id.value()).isEmpty());
        assertEquals(List.of("recording.purge", "retention.purge"), auditTypes());
        assertEquals(id.value(), audit.page(0, 1).get(0).subject());
        assertTrue(ledger.exists(id), "the ledger outlives the recording");
    }

    @Test
    void aHeldRecordingIsKeptUntilTheHoldIsReleased() {
        RecordingId id = finishedRecording();
        catalog.setHold(id.value(), true, Optional.empty());
        clock.advance(Duration.ofDays(400));
        PurgeReport held = purge.run("system");
        assertEquals(1, held.recordingsOnHold());
        assertTrue(archive.shredded.isEmpty());
        assertTrue(ledger.exists(id), "a held recording keeps its ledger");

        catalog.setHold(id.value(), false, Optional.empty());
        assertEquals(List.of(id.value()), purge.run("acct-admin").recordingsShredded());
    }

    @Test
    void aRecordingStillBeingWrittenNeverExpires() {
        settings.update(new RetentionPolicy(0, 60, 60));
        RecordingId id = RecordingId.random();
        catalog.started(id.value(), "r-room", "acct-f", clock.instant(), Map.of());
        archive.add(new RecordingInfo(id.value(), "r-room", clock.instant(), Duration.ZERO, RecordingStatus.PAUSED,
                List.of(), 0));
        clock.advance(Duration.ofDays(365));
        assertTrue(purge.run("system").recordingsShredded().isEmpty());
    }

    @Test
    void anInterruptedRecordingExpiresFromItsLastRecordedMoment() {
        RecordingId id = RecordingId.random();
        Instant start = clock.instant();
        archive.add(new RecordingInfo(id.value(), "r-room", start, Duration.ofMinutes(5), RecordingStatus.INTERRUPTED,
                List.of(), 10));
        clock.advance(Duration.ofDays(30));
        assertTrue(purge.run("system").recordingsShredded().isEmpty());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(id.value()), purge.run("system").recordingsShredded());
    }

    @Test
    void aLedgerIsDeletedOnlyAfterItsRecordingIsGoneAndItsOwnRetentionRanOut() {
        RecordingId id = finishedRecording();
        clock.advance(Duration.ofDays(59));
        purge.run("system");
        assertTrue(ledger.exists(id), "recording shredded at 30 days, ledger kept");
        clock.advance(Duration.ofDays(1));
        PurgeReport report = purge.run("system");
        assertEquals(List.of(id.value()), report.ledgersDeleted());
        assertTrue(!ledger.exists(id));
        assertTrue(auditTypes().contains("ledger.purge"));
    }

    @Test
    void aRequestThatWasNeverRecordedKeepsItsLedgerForTheLedgerRetention() {
        RecordingId id = RecordingId.random();
        ledger.record(new ConsentEvent.RequestCancelled(id, ChangeReason.NOT_EVERYONE_AGREED), "r-room", 1);
        clock.advance(Duration.ofDays(59));
        assertTrue(purge.run("system").ledgersDeleted().isEmpty());
        clock.advance(Duration.ofDays(1));
        assertEquals(List.of(id.value()), purge.run("system").ledgersDeleted());
    }

    @Test
    void aFailedShredKeepsTheCatalogEntryAndIsAudited() {
        RecordingId id = finishedRecording();
        archive.failShredding = true;
        clock.advance(Duration.ofDays(31));
        PurgeReport report = purge.run("system");
        assertEquals(List.of(id.value()), report.recordingsFailed());
        assertTrue(catalog.find(id.value()).isPresent());
        assertTrue(auditTypes().contains("recording.purge-failed"));
        archive.failShredding = false;
        assertEquals(List.of(id.value()), purge.run("system").recordingsShredded());
    }

    @Test
    void auditEntriesPastRetentionArePurgedAndTheChainStillVerifies() {
        audit.append("room.create", "acct-f", "r-room", Map.of());
        clock.advance(Duration.ofDays(61));
        audit.append("room.create", "acct-f", "r-other", Map.of());
        PurgeReport report = purge.run("acct-admin");
        assertEquals(1, report.auditEntriesPurged());
        assertTrue(audit.verify().ok(), () -> audit.verify().toString());
        assertEquals(List.of("room.create", "audit.purge", "retention.purge"), auditTypes());
    }

    @Test
    void attendanceIsKeptAsLongAsTheLedgersThenDeletedAndAuditLogged() {
        dev.hearth.signaling.care.AttendanceRecord attendance =
                dev.hearth.signaling.care.AttendanceRecord.open(dataDir, new byte[32]);
        purge = new RetentionPurge(settings, catalog, archive, ledger, audit, clock, attendance::purgeBefore);
        attendance.joined("r-room", "s-1", "p-sam", "member", "Sam", clock.instant());
        attendance.ended("r-room", "s-1", clock.instant());
        clock.advance(Duration.ofDays(59));
        purge.run("system");
        assertEquals(1, attendance.sessionsOf("r-room").size(), "kept within the 60 days");
        clock.advance(Duration.ofDays(2));
        purge.run("system");
        assertEquals(0, attendance.sessionsOf("r-room").size());
        assertTrue(audit.page(0, 1000).stream().anyMatch(e -> e.type().equals("attendance.purge")));
    }
}

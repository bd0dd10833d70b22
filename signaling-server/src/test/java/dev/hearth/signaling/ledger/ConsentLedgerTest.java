package dev.hearth.signaling.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentLedgerTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock();

    private ConsentLedger open() {
        return ConsentLedger.open(dataDir, LedgerSigningKey.loadOrCreate(dataDir), clock);
    }

    @Test
    void everyConsentEventBecomesASignedChainedEntry() {
        ConsentLedger ledger = open();
        RecordingId id = RecordingId.random();
        ParticipantId sam = ParticipantId.random();
        ParticipantId facilitator = ParticipantId.random();
        ledger.record(new ConsentEvent.RecordingRequested(id, Set.of(sam)), "r-room", 3);
        ledger.record(new ConsentEvent.ConsentGiven(id, facilitator), "r-room", 3);
        ledger.record(new ConsentEvent.ConsentGiven(id, sam), "r-room", 3);
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 3);
        clock.advance(Duration.ofSeconds(20));
        ledger.record(new ConsentEvent.RecordingPaused(id, ChangeReason.CONSENT_WITHDRAWN), "r-room", 3);
        ledger.record(new ConsentEvent.ConsentWithdrawn(id, sam), "r-room", 3);
        ledger.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 3);

        List<LedgerEntry> entries = ledger.entries(id);
        assertEquals(List.of("recording-requested", "consent-given", "consent-given", "recording-started",
                "recording-paused", "consent-withdrawn", "recording-stopped"),
                entries.stream().map(LedgerEntry::type).toList());
        LedgerEntry consent = entries.get(2);
        assertEquals(sam.value(), consent.participant());
        assertEquals("3", consent.details().get("agreementVersion"));
        assertEquals(ConsentLedger.CONSENT_TEXT_VERSION, consent.details().get("consentTextVersion"));
        assertEquals(sam.value(), entries.get(0).details().get("asked"));
        assertEquals("CONSENT_WITHDRAWN", entries.get(4).details().get("reason"));
        assertEquals(LedgerEntry.GENESIS, entries.get(0).prevHash());
        assertEquals(entries.get(0).hash(), entries.get(1).prevHash());
        LedgerVerification verification = ledger.verify(id);
        assertTrue(verification.ok(), verification.describe());
        assertTrue(verification.closed());
        assertEquals(7, verification.entriesChecked());
    }

    @Test
    void reopenedLedgerContinuesTheChain() {
        RecordingId id = RecordingId.random();
        open().record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        ConsentLedger reopened = open();
        reopened.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        assertEquals(2, reopened.entries(id).get(1).seq());
        assertTrue(reopened.verify(id).ok());
    }

    @Test
    void ledgersOfDifferentRecordingsAreSeparateChains() {
        ConsentLedger ledger = open();
        RecordingId first = RecordingId.random();
        RecordingId second = RecordingId.random();
        ledger.record(new ConsentEvent.RecordingStarted(first), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStarted(second), "r-room", 1);
        assertEquals(1, ledger.entries(second).get(0).seq());
        assertEquals(Set.of(first, second), ledger.recordingIds());
        ledger.delete(first);
        assertEquals(Set.of(second), ledger.recordingIds());
        assertThrows(HearthException.class, () -> ledger.entries(first));
    }

    @Test
    void aChangedLineOnDiskFailsVerificationAtThatEntry() throws IOException {
        ConsentLedger ledger = open();
        RecordingId id = RecordingId.random();
        ParticipantId sam = ParticipantId.random();
        ledger.record(new ConsentEvent.ConsentGiven(id, sam), "r-room", 1);
        ledger.record(new ConsentEvent.ConsentWithdrawn(id, sam), "r-room", 1);
        Path file = dataDir.resolve(ConsentLedger.DIRECTORY).resolve(id.value() + ".jsonl");
        String text = Files.readString(file).replace("consent-withdrawn", "consent-given");
        Files.writeString(file, text);
        LedgerVerification verification = open().verify(id);
        assertFalse(verification.ok());
        assertEquals(2, verification.failure().orElseThrow().seq());
        assertEquals(LedgerVerification.Problem.CHANGED, verification.failure().orElseThrow().problem());
    }

    @Test
    void aHalfWrittenLineIsReportedAndTheNextEntryStartsOnItsOwnLine() throws IOException {
        ConsentLedger ledger = open();
        RecordingId id = RecordingId.random();
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        Path file = dataDir.resolve(ConsentLedger.DIRECTORY).resolve(id.value() + ".jsonl");
        Files.writeString(file, "{\"recordingId\":\"", StandardOpenOption.APPEND);
        ConsentLedger reopened = open();
        reopened.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        List<LedgerEntry> entries = reopened.entries(id);
        assertEquals(3, entries.size());
        assertEquals(null, entries.get(1));
        assertEquals(LedgerVerification.Problem.UNREADABLE, reopened.verify(id).failure().orElseThrow().problem());
    }

    @Test
    void signingKeyIsOwnerOnlyAndSurvivesARestart() throws IOException {
        LedgerSigningKey first = LedgerSigningKey.loadOrCreate(dataDir);
        LedgerSigningKey second = LedgerSigningKey.loadOrCreate(dataDir);
        assertEquals(first.publicKeyBase64(), second.publicKeyBase64());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(LedgerSigningKey.PRIVATE_FILE))));
        assertEquals(first.publicKeyBase64(),
                Files.readString(dataDir.resolve(LedgerSigningKey.PUBLIC_FILE), StandardCharsets.US_ASCII).strip());
        assertFalse(first.toString().contains(java.util.Base64.getEncoder().encodeToString(
                Files.readAllBytes(dataDir.resolve(LedgerSigningKey.PRIVATE_FILE)))));
    }

    @Test
    void ledgerFilesAreOwnerOnly() throws IOException {
        ConsentLedger ledger = open();
        RecordingId id = RecordingId.random();
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        Path file = dataDir.resolve(ConsentLedger.DIRECTORY).resolve(id.value() + ".jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}

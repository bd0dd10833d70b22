package dev.hearth.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private AuditLog logWithEntries(int count) {
        AuditLog log = AuditLog.open(dir, clock);
        for (int i = 1; i <= count; i++) {
            log.append("login.succeeded", "a-" + i, "a-" + i, Map.of("n", Integer.toString(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        return log;
    }

    private Path file() {
        return dir.resolve(AuditLog.FILE_NAME);
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void freshChainVerifies() {
        AuditLog log = logWithEntries(5);
        VerificationResult result = log.verify();
        assertTrue(result.ok());
        assertEquals(5, result.entriesChecked());
        assertEquals(5, log.size());
    }

    @Test
    void firstEntryLinksToGenesisAndEachEntryToThePrevious() {
        AuditLog log = logWithEntries(3);
        List<AuditEntry> entries = log.page(0, 10);
        assertEquals(AuditEntry.GENESIS, entries.get(0).prevHash());
        assertEquals(entries.get(0).hash(), entries.get(1).prevHash());
        assertEquals(entries.get(1).hash(), entries.get(2).prevHash());
        assertEquals(List.of(1L, 2L, 3L), entries.stream().map(AuditEntry::seq).toList());
    }

    @Test
    void everySingleByteChangeInAnEntryIsDetected() throws IOException {
        AuditLog log = logWithEntries(3);
        byte[] original = Files.readAllBytes(file());
        int secondLineStart = indexOfNewline(original, 0) + 1;
        int secondLineEnd = indexOfNewline(original, secondLineStart);
        for (int i = secondLineStart; i < secondLineEnd; i++) {
            byte[] changed = original.clone();
            changed[i] = (byte) (changed[i] == 'x' ? 'y' : 'x');
            Files.write(file(), changed);
            VerificationResult result = log.verify();
            assertFalse(result.ok(), "change at byte " + (i - secondLineStart) + " went unnoticed");
            assertEquals(2, result.failure().orElseThrow().seq());
        }
    }

    @Test
    void changedValueIsReportedAsChanged() throws IOException {
        logWithEntries(3);
        List<String> lines = lines();
        lines.set(1, lines.get(1).replace("\"a-2\"", "\"a-9\""));
        write(lines);
        VerificationResult.Failure failure = AuditLog.open(dir, clock).verify().failure().orElseThrow();
        assertEquals(2, failure.seq());
        assertEquals(VerificationResult.Problem.CHANGED, failure.problem());
    }

    @Test
    void deletedEntryIsDetected() throws IOException {
        logWithEntries(4);
        List<String> lines = lines();
        lines.remove(1);
        write(lines);
        VerificationResult.Failure failure = AuditLog.open(dir, clock).verify().failure().orElseThrow();
        assertEquals(2, failure.seq());
        assertEquals(VerificationResult.Problem.DELETED, failure.problem());
    }

    @Test
    void swappedEntriesAreDetected() throws IOException {
        logWithEntries(4);
        List<String> lines = lines();
        Collections.swap(lines, 1, 2);
        write(lines);
        VerificationResult.Failure failure = AuditLog.open(dir, clock).verify().failure().orElseThrow();
        assertEquals(2, failure.seq());
        assertEquals(VerificationResult.Problem.REORDERED, failure.problem());
    }

    @Test
    void rehashedForgeryBreaksTheLinkOfTheNextEntry() throws IOException {
        logWithEntries(3);
        List<String> lines = lines();
        AuditEntry original = AuditEntry.fromJsonLine(lines.get(1));
        AuditEntry forged = AuditEntry.sealed(original.seq(), original.at(), original.type(), "a-forged",
                original.subject(), original.details(), original.prevHash());
        lines.set(1, forged.toJsonLine());
        write(lines);
        VerificationResult.Failure failure = AuditLog.open(dir, clock).verify().failure().orElseThrow();
        assertEquals(3, failure.seq());
        assertEquals(VerificationResult.Problem.BROKEN_LINK, failure.problem());
    }

    @Test
    void purgeRemovesOldEntriesAndTheRestStillVerifiesAfterARestart() throws IOException {
        AuditLog log = logWithEntries(3);
        clock.advance(java.time.Duration.ofDays(10));
        log.append("room.create", "a-1", "r-late", Map.of());
        assertEquals(3, log.purgeBefore(clock.instant().minus(java.time.Duration.ofDays(1)), "a-admin"));
        assertEquals(List.of("room.create", "audit.purge"), log.page(0, 10).stream().map(AuditEntry::type).toList());
        assertEquals(4, log.page(0, 10).get(0).seq(), "sequence numbers keep counting from the purged entries");
        assertTrue(log.verify().ok(), () -> log.verify().toString());
        AuditLog reopened = AuditLog.open(dir, clock);
        assertTrue(reopened.verificationAtOpen().ok());
        reopened.append("login.succeeded", "a-1", "a-1", Map.of());
        assertTrue(AuditLog.open(dir, clock).verify().ok());
    }

    @Test
    void deletingAnEntryAfterAPurgeIsStillDetected() throws IOException {
        AuditLog log = logWithEntries(2);
        clock.advance(java.time.Duration.ofDays(10));
        log.append("room.create", "a-1", "r-2", Map.of());
        log.append("room.create", "a-1", "r-3", Map.of());
        log.purgeBefore(clock.instant().minus(java.time.Duration.ofDays(1)), "a-admin");
        List<String> lines = new java.util.ArrayList<>(lines());
        lines.remove(1);
        write(lines);
        assertFalse(AuditLog.open(dir, clock).verify().ok(), "the first kept entry no longer matches the anchor");
    }

    @Test
    void purgeWithNothingOldChangesNothing() throws IOException {
        AuditLog log = logWithEntries(2);
        List<String> before = lines();
        assertEquals(0, log.purgeBefore(clock.instant().minus(java.time.Duration.ofDays(1)), "a-admin"));
        assertEquals(before, lines());
    }

    @Test
    void restartContinuesTheChain() {
        AuditLog first = logWithEntries(2);
        String lastHash = first.page(1, 1).get(0).hash();
        AuditLog reopened = AuditLog.open(dir, clock);
        assertTrue(reopened.verificationAtOpen().ok());
        AuditEntry next = reopened.append("logout", "a-1", "a-1", Map.of());
        assertEquals(3, next.seq());
        assertEquals(lastHash, next.prevHash());
        assertTrue(reopened.verify().ok());
        assertEquals(3, AuditLog.open(dir, clock).size());
    }

    @Test
    void tamperedLogStillAcceptsNewEntriesAndKeepsReportingTheBreak() throws IOException {
        logWithEntries(3);
        List<String> lines = lines();
        lines.remove(1);
        write(lines);
        AuditLog reopened = AuditLog.open(dir, clock);
        assertFalse(reopened.verificationAtOpen().ok());
        reopened.append("logout", "a-1", "a-1", Map.of());
        assertEquals(2, reopened.verify().failure().orElseThrow().seq());
    }

    @Test
    void pagesAreInWriteOrder() {
        AuditLog log = logWithEntries(7);
        assertEquals(List.of(3L, 4L, 5L), log.page(2, 3).stream().map(AuditEntry::seq).toList());
        assertEquals(List.of(7L), log.page(6, 3).stream().map(AuditEntry::seq).toList());
        assertEquals(List.of(), log.page(10, 3));
        assertThrows(IllegalArgumentException.class, () -> log.page(-1, 3));
    }

    @Test
    void refusesLongDetailsAndBadIds() {
        AuditLog log = AuditLog.open(dir, clock);
        assertThrows(IllegalArgumentException.class,
                () -> log.append("x.y", "a-1", "r-1", Map.of("note", "z".repeat(AuditLog.MAX_DETAIL_LENGTH + 1))));
        assertThrows(IllegalArgumentException.class, () -> log.append("x.y", "", "r-1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> log.append("Not A Type", "a-1", "r-1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> log.append("x.y", "a-1", "r-1", null));
        log.append("x.y", "a-1", "r-1", Map.of("note", "z".repeat(AuditLog.MAX_DETAIL_LENGTH)));
        assertEquals(1, log.size());
    }

    @Test
    void detailsWithLineBreaksStayOnOneLine() throws IOException {
        AuditLog log = AuditLog.open(dir, clock);
        log.append("x.y", "a-1", "r-1", Map.of("note", "two\nlines"));
        assertEquals(1, lines().size());
        assertTrue(AuditLog.open(dir, clock).verify().ok());
    }

    @Test
    void fileIsOwnerOnly() throws IOException {
        logWithEntries(1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void partialLastLineFromACrashIsReportedAndAppendsStartOnANewLine() throws IOException {
        logWithEntries(2);
        Files.writeString(file(), "{\"seq\":3,\"at\"", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        AuditLog reopened = AuditLog.open(dir, clock);
        assertEquals(VerificationResult.Problem.CHANGED, reopened.verificationAtOpen().failure().orElseThrow().problem());
        AuditEntry next = reopened.append("logout", "a-1", "a-1", Map.of());
        assertEquals(3, next.seq());
        assertEquals(4, lines().size());
    }

    private static int indexOfNewline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}

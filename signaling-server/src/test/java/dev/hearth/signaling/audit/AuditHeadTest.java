package dev.hearth.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an unkeyed hash chain cannot see, and the signed head can. */
class AuditHeadTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    /** Five entries, then a restart: the start anchors the head at entry 5. */
    private AuditLog anchoredLogOfFive() {
        AuditLog log = AuditLog.open(dir, clock);
        for (int i = 1; i <= 5; i++) {
            log.append("login.succeeded", "a-" + i, "a-" + i, Map.of("n", Integer.toString(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        return AuditLog.open(dir, clock);
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
    void droppingTheNewestEntriesIsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        List<String> lines = lines();
        write(lines.subList(0, 3));
        assertProblem(VerificationResult.Problem.TRUNCATED, 4, log.verify());
        assertProblem(VerificationResult.Problem.TRUNCATED, 4, AuditLog.open(dir, clock).verificationAtOpen());
    }

    @Test
    void aChainRehashedWithCorrectSha256IsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        // The attacker rewrites entry 2 and re-hashes every entry after it: the chain itself is intact.
        List<String> rechained = new ArrayList<>();
        String prev = AuditEntry.GENESIS;
        for (String line : lines()) {
            AuditEntry e = AuditEntry.fromJsonLine(line);
            String actor = e.seq() == 2 ? "someone-else" : e.actor();
            AuditEntry forged = AuditEntry.sealed(e.seq(), e.at(), e.type(), actor, e.subject(), e.details(), prev);
            rechained.add(forged.toJsonLine());
            prev = forged.hash();
        }
        write(rechained);
        assertProblem(VerificationResult.Problem.RECHAINED, 5, log.verify());
    }

    @Test
    void aHeadSignedByAnotherKeyIsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        write(lines().subList(0, 3));
        // A head with the right numbers for the cut log, signed by a key the attacker made.
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(file(), dir.resolve("elsewhere").resolve(AuditLog.FILE_NAME));
        AuditLog.open(dir.resolve("elsewhere"), clock);
        Files.copy(dir.resolve("elsewhere").resolve("audit.head"), dir.resolve("audit.head"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertProblem(VerificationResult.Problem.BAD_SIGNATURE, 3, log.verify());
    }

    @Test
    void aDeletedHeadIsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        write(lines().subList(0, 3));
        Files.deleteIfExists(dir.resolve("audit.head"));
        assertProblem(VerificationResult.Problem.MISSING_ANCHOR, 3, log.verify());
        assertProblem(VerificationResult.Problem.MISSING_ANCHOR, 3, AuditLog.open(dir, clock).verificationAtOpen());
    }

    @Test
    void aHeadChangedByHandIsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        Path head = dir.resolve(AuditLog.HEAD_FILE);
        Files.writeString(head, Files.readString(head).replace("\"seq\":5", "\"seq\":3"));
        assertProblem(VerificationResult.Problem.BAD_SIGNATURE, 3, log.verify());
        Files.writeString(head, "{not json");
        assertProblem(VerificationResult.Problem.BAD_SIGNATURE, 5, log.verify());
    }

    @Test
    void cuttingEntriesOffTheStartOutsideAPurgeIsDetected() throws IOException {
        AuditLog log = anchoredLogOfFive();
        List<String> lines = lines();
        AuditEntry third = AuditEntry.fromJsonLine(lines.get(2));
        List<String> cut = new ArrayList<>();
        cut.add(new AuditLog.Anchor(3, third.prevHash()).toJsonLine());
        cut.addAll(lines.subList(2, 5));
        write(cut);
        assertProblem(VerificationResult.Problem.TRUNCATED, 1, log.verify());
    }

    @Test
    void entriesAppendedSinceTheLastHeadVerifyAndTheNextHeadCoversThem() throws IOException {
        AuditLog log = anchoredLogOfFive();
        log.append("login.succeeded", "a-6", "a-6", Map.of());
        assertTrue(log.verify().ok(), log.verify().toString());
        assertTrue(log.writeHead());
        assertFalse(log.writeHead(), "nothing new, nothing written");
        write(lines().subList(0, 5));
        assertProblem(VerificationResult.Problem.TRUNCATED, 6, log.verify());
    }

    @Test
    void theShutdownHeadCoversTheLastEntries() throws IOException {
        AuditLog log = anchoredLogOfFive();
        log.append("login.succeeded", "a-6", "a-6", Map.of());
        log.close();
        write(lines().subList(0, 5));
        assertProblem(VerificationResult.Problem.TRUNCATED, 6, AuditLog.open(dir, clock).verificationAtOpen());
    }

    @Test
    void afterAPurgeTheKeptChainVerifiesAndItsEndIsStillAnchored() throws IOException {
        AuditLog log = anchoredLogOfFive();
        clock.advance(Duration.ofDays(1));
        assertEquals(5, log.purgeBefore(clock.instant(), "system"));
        assertTrue(log.verify().ok(), log.verify().toString());
        assertTrue(AuditLog.open(dir, clock).verificationAtOpen().ok());
        List<String> lines = lines();
        write(lines.subList(0, 1));
        assertProblem(VerificationResult.Problem.TRUNCATED, 6, log.verify());
    }

    @Test
    void aLogFromBeforeSignedHeadsIsAnchoredOnItsFirstStartWithoutAFinding() throws IOException {
        anchoredLogOfFive();
        Files.delete(dir.resolve(AuditLog.HEAD_FILE));
        Files.delete(dir.resolve(AuditLog.KEY_FILE));
        AuditLog upgraded = AuditLog.open(dir, clock);
        assertTrue(upgraded.verificationAtOpen().ok(), upgraded.verificationAtOpen().toString());
        assertTrue(Files.exists(dir.resolve(AuditLog.HEAD_FILE)));
        write(lines().subList(0, 4));
        assertProblem(VerificationResult.Problem.TRUNCATED, 5, upgraded.verify());
    }

    @Test
    void aLogThatFailedAtStartKeepsItsHeadAsEvidence() throws IOException {
        AuditLog log = anchoredLogOfFive();
        byte[] head = Files.readAllBytes(dir.resolve(AuditLog.HEAD_FILE));
        write(lines().subList(0, 3));
        AuditLog restarted = AuditLog.open(dir, clock);
        restarted.append("login.succeeded", "a-4", "a-4", Map.of());
        restarted.append("login.succeeded", "a-5", "a-5", Map.of());
        assertFalse(restarted.writeHead());
        restarted.close();
        assertTrue(java.util.Arrays.equals(head, Files.readAllBytes(dir.resolve(AuditLog.HEAD_FILE))));
        assertProblem(VerificationResult.Problem.RECHAINED, 5, AuditLog.open(dir, clock).verificationAtOpen());
    }

    @Test
    void keyAndHeadAreOwnerOnlyAndThePublicKeyIsPublished() throws IOException {
        anchoredLogOfFive();
        for (String name : List.of(AuditLog.HEAD_FILE, AuditLog.KEY_FILE, AuditLog.PUBLIC_KEY_FILE)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
        assertEquals(AuditLog.signingKey(dir).publicKeyBase64(),
                Files.readString(dir.resolve(AuditLog.PUBLIC_KEY_FILE)).strip());
    }

    private static void assertProblem(VerificationResult.Problem problem, long seq, VerificationResult result) {
        assertFalse(result.ok(), "went unseen");
        VerificationResult.Failure failure = result.failure().orElseThrow();
        assertEquals(problem, failure.problem(), failure.explanation());
        assertEquals(seq, failure.seq(), failure.explanation());
    }
}

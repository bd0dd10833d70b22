package dev.hearth.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPolicyTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsKeepRecordsSixYearsAndRecordingsAMonth() {
        assertEquals(new RetentionPolicy(30, 2190, 2190), RetentionPolicy.defaults(2190));
        assertEquals(new RetentionPolicy(30, 3000, 3000), RetentionPolicy.defaults(3000));
    }

    @Test
    void recordingDaysMayBeZeroToTenYears() {
        new RetentionPolicy(0, 2190, 2190).validated(2190);
        new RetentionPolicy(3650, 2190, 2190).validated(2190);
        RetentionException tooLong = assertThrows(RetentionException.class,
                () -> new RetentionPolicy(3651, 2190, 2190).validated(2190));
        assertEquals("invalid-retention", tooLong.code());
        assertTrue(tooLong.getMessage().contains("recordingDays must be from 0 to 3650"), tooLong.getMessage());
        assertThrows(RetentionException.class, () -> new RetentionPolicy(-1, 2190, 2190).validated(2190));
    }

    @Test
    void ledgerAndAuditBelowTheFloorAreRefusedWithEveryProblemNamed() {
        RetentionException e = assertThrows(RetentionException.class,
                () -> new RetentionPolicy(-5, 30, 2189).validated(2190));
        assertTrue(e.getMessage().contains("recordingDays"), e.getMessage());
        assertTrue(e.getMessage().contains("consentLedgerDays must be from 2190"), e.getMessage());
        assertTrue(e.getMessage().contains("auditLogDays must be from 2190"), e.getMessage());
        assertTrue(e.getMessage().contains("HEARTH_RETENTION_FLOOR_DAYS"), e.getMessage());
        new RetentionPolicy(0, 30, 30).validated(30);
    }

    @Test
    void updatedPolicyIsPersistedOwnerOnlyAndReadBack() throws IOException {
        RetentionSettings settings = RetentionSettings.open(dataDir, 100);
        settings.update(new RetentionPolicy(7, 200, 300));
        assertEquals(new RetentionPolicy(7, 200, 300), RetentionSettings.open(dataDir, 100).policy());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(RetentionSettings.FILE_NAME))));
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        RetentionSettings settings = RetentionSettings.open(dataDir, 2190);
        assertThrows(RetentionException.class, () -> settings.update(new RetentionPolicy(7, 10, 10)));
        assertEquals(RetentionPolicy.defaults(2190), settings.policy());
        assertTrue(Files.notExists(dataDir.resolve(RetentionSettings.FILE_NAME)));
    }

    @Test
    void aRaisedFloorLiftsStoredValues() {
        RetentionSettings.open(dataDir, 100).update(new RetentionPolicy(7, 200, 300));
        assertEquals(new RetentionPolicy(7, 250, 300), RetentionSettings.open(dataDir, 250).policy());
    }

    @Test
    void aStoredPolicyReadsBackAndHostileFilesStopStartUpSayingWhatIsWrong() throws IOException {
        Path file = dataDir.resolve(RetentionSettings.FILE_NAME);
        Files.writeString(file, "{\"recordingDays\":7,\"consentLedgerDays\":3000,\"auditLogDays\":2500}\n");
        assertEquals(new RetentionPolicy(7, 3000, 2500), RetentionSettings.open(dataDir, 2190).policy());
        for (String hostile : java.util.List.of(
                "{\"recordingDays\":\"7\",\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":7.5,\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":-7,\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":99999999999,\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":null,\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":7,\"recordingDays\":8,\"consentLedgerDays\":3000,\"auditLogDays\":2500}",
                "{\"recordingDays\":7,\"consentLedgerDays\":3000,\"auditLogDays\":2500,\"extra\":\"secretvalue\"}",
                "{\"recordingDays\":7,\"consentLedgerDays\":3000,\"auditLogDays\":2500} {}",
                "[7, 3000, 2500]", "", "{")) {
            Files.writeString(file, hostile);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RetentionSettings.open(dataDir, 2190), hostile);
            assertTrue(e.getMessage().contains(RetentionSettings.FILE_NAME), e.getMessage());
            assertTrue(!e.getMessage().contains("secretvalue"), e.getMessage());
        }
        Files.writeString(file, "{\"recordingDays\":\"7\",\"consentLedgerDays\":3000,\"auditLogDays\":2500}");
        IllegalStateException wrongType = assertThrows(IllegalStateException.class,
                () -> RetentionSettings.open(dataDir, 2190));
        assertTrue(wrongType.getMessage().contains("'recordingDays'"), wrongType.getMessage());
    }
}

package dev.hearth.signaling.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.error.HearthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingCatalogTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void entryCollectsNamesHoldAndEndAndSurvivesARestart() {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Sam"));
        catalog.consented("rec-1", "p-2", "Ana");
        catalog.consented("rec-1", "p-1", "Renamed");
        catalog.setHold("rec-1", true, Optional.empty());
        catalog.ended("rec-1", START.plusSeconds(60));
        catalog.ended("rec-1", START.plusSeconds(120));

        CatalogEntry entry = RecordingCatalog.open(dataDir).find("rec-1").orElseThrow();
        assertEquals(Map.of("p-1", "Sam", "p-2", "Ana"), entry.participantNames());
        assertEquals(List.of("Sam", "Ana"), List.copyOf(entry.participantNames().values()));
        assertTrue(entry.hold());
        assertEquals(Optional.of(START.plusSeconds(60)), entry.endedAt());
        assertEquals("acct-f", entry.facilitatorAccountId());
        assertFalse(entry.toString().contains("Sam"));
    }

    @Test
    void removingAnEntryDeletesItsNamesFromTheFile() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        Path file = dataDir.resolve(RecordingCatalog.FILE_NAME);
        assertTrue(Files.readString(file).contains("Zephyrine"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        catalog.remove("rec-1");
        assertFalse(Files.readString(file).contains("Zephyrine"));
        assertTrue(RecordingCatalog.open(dataDir).all().isEmpty());
    }

    @Test
    void holdOnAnUnknownRecordingIsNotFoundUnlessTheArchiveKnowsIt() {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir);
        HearthException e = assertThrows(HearthException.class, () -> catalog.setHold("rec-x", true, Optional.empty()));
        assertEquals("not-found", e.code());
        CatalogEntry adopted = catalog.setHold("rec-x", true,
                Optional.of(new CatalogEntry("rec-x", "r-room", "", START, Map.of(), false, Optional.empty())));
        assertTrue(adopted.hold());
    }

    @Test
    void anUnreadableCatalogStopsStartUp() throws IOException {
        Files.writeString(dataDir.resolve(RecordingCatalog.FILE_NAME), "{\"version\":1,\"recordings\":[{}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordingCatalog.open(dataDir));
        assertTrue(e.getMessage().contains("legal holds"), e.getMessage());
    }
}

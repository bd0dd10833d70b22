package dev.hearth.signaling.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.recording.FileRecordingArchive;
import dev.hearth.relay.recording.MasterKey;
import dev.hearth.signaling.error.HearthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
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

    private final InMemoryArchive archive = new InMemoryArchive();

    private String catalogOnDisk() throws IOException {
        // Latin-1 maps every byte to one char, so no byte sequence is hidden by a decoding error.
        return new String(Files.readAllBytes(dataDir.resolve(RecordingCatalog.FILE_NAME)), StandardCharsets.ISO_8859_1);
    }

    /** The catalog exactly as version 1 (before names were encrypted) wrote it. */
    private void writeVersion1Catalog() throws IOException {
        Files.writeString(dataDir.resolve(RecordingCatalog.FILE_NAME), "{\"version\":1,\"recordings\":[{\"recordingId\":"
                + "\"rec-1\",\"roomId\":\"r-room\",\"facilitatorAccountId\":\"acct-f\",\"startedAt\":\"2026-01-05T09:00:00Z\","
                + "\"participantNames\":{\"p-zq81x\":\"Zephyrine\",\"p-2\":\"Ana\"},\"hold\":true,\"endedAt\":"
                + "\"2026-01-05T10:00:00Z\"}]}\n");
    }

    @Test
    void entryCollectsNamesHoldAndEndAndSurvivesARestart() {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Sam"));
        catalog.consented("rec-1", "p-2", "Ana");
        catalog.consented("rec-1", "p-1", "Renamed");
        catalog.setHold("rec-1", true, Optional.empty());
        catalog.ended("rec-1", START.plusSeconds(60));
        catalog.ended("rec-1", START.plusSeconds(120));

        CatalogEntry entry = RecordingCatalog.open(dataDir, archive).find("rec-1").orElseThrow();
        assertEquals(Map.of("p-1", "Sam", "p-2", "Ana"), entry.participantNames());
        assertEquals(List.of("Sam", "Ana"), List.copyOf(entry.participantNames().values()));
        assertTrue(entry.hold());
        assertEquals(Optional.of(START.plusSeconds(60)), entry.endedAt());
        assertEquals("acct-f", entry.facilitatorAccountId());
        assertFalse(entry.toString().contains("Sam"));
    }

    @Test
    void catalogBytesOnDiskHoldNoFirstNameAndNoParticipantId() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-zq81x", "Zephyrine"));
        catalog.consented("rec-1", "p-yw22k", "Ottoline");
        catalog.setHold("rec-1", true, Optional.empty());
        catalog.ended("rec-1", START.plusSeconds(60));
        String onDisk = catalogOnDisk();
        for (String personal : List.of("Zephyrine", "Ottoline", "p-zq81x", "p-yw22k")) {
            assertEquals(-1, onDisk.indexOf(personal), personal + " is on disk");
        }
        assertTrue(onDisk.contains("rec-1") && onDisk.contains("acct-f"), "what is not personal stays readable");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(RecordingCatalog.FILE_NAME))));
    }

    @Test
    void removingAnEntryForgetsIt() {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        catalog.remove("rec-1");
        assertTrue(catalog.find("rec-1").isEmpty());
        assertTrue(RecordingCatalog.open(dataDir, archive).all().isEmpty());
    }

    @Test
    void namesCopiedBeforeThePurgeCannotBeReadOnceTheRecordingsKeyIsDestroyed() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        catalog.started("rec-2", "r-room", "acct-f", START, Map.of("p-2", "Ottoline"));
        // A backup taken before the purge, restored after it.
        byte[] backup = Files.readAllBytes(dataDir.resolve(RecordingCatalog.FILE_NAME));
        archive.shred("rec-1");
        catalog.remove("rec-1");
        Files.write(dataDir.resolve(RecordingCatalog.FILE_NAME), backup);

        RecordingCatalog restored = RecordingCatalog.open(dataDir, archive);
        CatalogEntry shredded = restored.find("rec-1").orElseThrow();
        assertEquals(Map.of(), shredded.participantNames(), "the names went with the recording's key");
        assertEquals("r-room", shredded.roomId());
        assertEquals(Map.of("p-2", "Ottoline"), restored.find("rec-2").orElseThrow().participantNames());
        assertFalse(catalogOnDisk().contains("Zephyrine"));
    }

    @Test
    void withTheRealArchiveNeitherTheMasterKeyNorABackupBringsNamesBackAfterTheShred() throws IOException {
        byte[] master = new byte[32];
        java.util.Arrays.fill(master, (byte) 7);
        FileRecordingArchive files = new FileRecordingArchive(dataDir, MasterKey.of(master), Clock.systemUTC());
        files.create("r-room", "rec-1").stop(0).join();
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, files);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-zq81x", "Zephyrine"));
        byte[] backup = Files.readAllBytes(dataDir.resolve(RecordingCatalog.FILE_NAME));
        assertEquals(Map.of("p-zq81x", "Zephyrine"),
                RecordingCatalog.open(dataDir, files).find("rec-1").orElseThrow().participantNames());

        files.shred("rec-1");
        Files.write(dataDir.resolve(RecordingCatalog.FILE_NAME), backup);
        FileRecordingArchive restarted = new FileRecordingArchive(dataDir, MasterKey.of(master), Clock.systemUTC());
        assertEquals(Map.of(), RecordingCatalog.open(dataDir, restarted).find("rec-1").orElseThrow().participantNames());
    }

    @Test
    void namesSealedForOneRecordingDoNotOpenAsAnothers() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        catalog.started("rec-2", "r-room", "acct-f", START, Map.of("p-2", "Ottoline"));
        String text = Files.readString(dataDir.resolve(RecordingCatalog.FILE_NAME));
        String sealed1 = sealedNamesOf(text, 0);
        String sealed2 = sealedNamesOf(text, 1);
        Files.writeString(dataDir.resolve(RecordingCatalog.FILE_NAME),
                text.replace(sealed1, "@1").replace(sealed2, sealed1).replace("@1", sealed2));
        RecordingCatalog swapped = RecordingCatalog.open(dataDir, archive);
        assertEquals(Map.of(), swapped.find("rec-1").orElseThrow().participantNames());
        assertEquals(Map.of(), swapped.find("rec-2").orElseThrow().participantNames());
    }

    private static String sealedNamesOf(String catalogText, int index) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sealedNames\":\"([^\"]+)\"").matcher(catalogText);
        for (int i = 0; i <= index; i++) {
            assertTrue(m.find());
        }
        return m.group(1);
    }

    @Test
    void aVersion1CatalogIsReadWithItsNamesAndRewrittenEncrypted() throws IOException {
        writeVersion1Catalog();
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        CatalogEntry entry = catalog.find("rec-1").orElseThrow();
        assertEquals(List.of("Zephyrine", "Ana"), List.copyOf(entry.participantNames().values()));
        assertTrue(entry.hold());
        assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:00Z")), entry.endedAt());
        String onDisk = catalogOnDisk();
        assertFalse(onDisk.contains("Zephyrine") || onDisk.contains("p-zq81x"), "migrated at once");
        assertTrue(onDisk.contains("\"version\":2"));
        assertEquals(entry, RecordingCatalog.open(dataDir, archive).find("rec-1").orElseThrow());
    }

    @Test
    void aVersion1EntryWhoseKeyCannotBeReadNowKeepsItsNamesUntilItCan() throws IOException {
        writeVersion1Catalog();
        archive.failKeys = true;
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        assertEquals(List.of("Zephyrine", "Ana"),
                List.copyOf(catalog.find("rec-1").orElseThrow().participantNames().values()));
        catalog.setHold("rec-1", false, Optional.empty());
        assertEquals(2, RecordingCatalog.open(dataDir, archive).find("rec-1").orElseThrow().participantNames().size(),
                "never lost by a rewrite");
        archive.failKeys = false;
        RecordingCatalog later = RecordingCatalog.open(dataDir, archive);
        assertEquals(2, later.find("rec-1").orElseThrow().participantNames().size());
        assertFalse(catalogOnDisk().contains("Zephyrine"), "migrated once the key is readable");
    }

    @Test
    void sealedNamesWhoseKeyCannotBeReadNowSurviveARewrite() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        archive.failKeys = true;
        RecordingCatalog unreadable = RecordingCatalog.open(dataDir, archive);
        assertEquals(Map.of(), unreadable.find("rec-1").orElseThrow().participantNames());
        unreadable.consented("rec-1", "p-2", "Ana");
        unreadable.setHold("rec-1", true, Optional.empty());
        archive.failKeys = false;
        CatalogEntry entry = RecordingCatalog.open(dataDir, archive).find("rec-1").orElseThrow();
        assertEquals(Map.of("p-1", "Zephyrine"), entry.participantNames());
        assertTrue(entry.hold());
    }

    @Test
    void holdOnAnUnknownRecordingIsNotFoundUnlessTheArchiveKnowsIt() {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        HearthException e = assertThrows(HearthException.class, () -> catalog.setHold("rec-x", true, Optional.empty()));
        assertEquals("not-found", e.code());
        CatalogEntry adopted = catalog.setHold("rec-x", true,
                Optional.of(new CatalogEntry("rec-x", "r-room", "", START, Map.of(), false, Optional.empty())));
        assertTrue(adopted.hold());
    }

    @Test
    void aCatalogEditedByHandIsReadExactlyOrStopsStartUp() throws IOException {
        RecordingCatalog catalog = RecordingCatalog.open(dataDir, archive);
        catalog.started("rec-1", "r-room", "acct-f", START, Map.of("p-1", "Zephyrine"));
        catalog.setHold("rec-1", true, Optional.empty());
        Path file = dataDir.resolve(RecordingCatalog.FILE_NAME);
        String written = Files.readString(file);
        assertTrue(written.contains("\"hold\":true") && written.contains("\"endedAt\":null"), written);
        for (String hostile : List.of(
                written.replace("\"hold\":true,", ""),
                written.replace("\"hold\":true", "\"hold\":\"true\""),
                written.replace("\"hold\":true", "\"hold\":1"),
                written.replace("\"hold\":true", "\"hold\":null"),
                written.replace("\"roomId\":\"r-room\",", ""),
                written.replace("\"roomId\":\"r-room\"", "\"roomId\":\"r-room\",\"surname\":\"secretvalue\""),
                written.replace("\"version\":2", "\"version\":3"),
                written.replace("\"version\":2", "\"version\":\"2\""),
                written.replace("\"version\":2,", ""),
                written.replace("\"endedAt\":null", "\"endedAt\":\"soon\""),
                written.strip() + "{}")) {
            Files.writeString(file, hostile);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RecordingCatalog.open(dataDir, archive), hostile);
            assertTrue(e.getMessage().contains("legal holds"), e.getMessage());
            assertFalse(e.getMessage().contains("secretvalue"), e.getMessage());
        }
    }

    @Test
    void anUnreadableCatalogStopsStartUp() throws IOException {
        Files.writeString(dataDir.resolve(RecordingCatalog.FILE_NAME), "{\"version\":1,\"recordings\":[{}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordingCatalog.open(dataDir, archive));
        assertTrue(e.getMessage().contains("legal holds"), e.getMessage());
    }
}

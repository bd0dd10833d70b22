package dev.hearth.relay.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRecordingArchiveTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private FileRecordingArchive archive(MasterKey key) {
        return new FileRecordingArchive(dataDir, key, CLOCK);
    }

    @Test
    void stoppedRecordingIsCompleteWithItsParticipantsAndRecordedTimeWithoutPauses() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        RecordingInfo info = archive.find("rec-1").orElseThrow();
        assertEquals(RecordingStatus.COMPLETE, info.status());
        assertEquals("room-a", info.roomId());
        assertEquals(CLOCK.instant(), info.startedAt());
        assertEquals(List.of("p-1"), info.participants());
        // 1005 ms before the pause, 1005 ms after the resume; the 2 s pause does not count.
        assertEquals(Duration.ofMillis(2010), info.recorded());
        assertTrue(info.sizeBytes() > 0);
        assertTrue(archive.verify("rec-1") >= 4, "every mark seals a chunk");
        assertEquals(List.of(info), archive.list());
    }

    /** The counters metrics export: every byte that reached the file, every pause and resume, each recording. */
    @Test
    void statisticsCountTheBytesOnDiskAndThePauses() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        assertEquals(0, archive.statistics().bytesWritten());

        Recordings.writeSample(archive, "room-a", "rec-1");

        RecorderStatistics statistics = archive.statistics();
        assertEquals(Files.size(Recordings.dataFile(archive, "rec-1")), statistics.bytesWritten());
        assertEquals(1, statistics.pauses());
        assertEquals(2, statistics.resumes());
        assertEquals(1, statistics.started());
        assertEquals(1, statistics.stopped());
        assertEquals(0, statistics.droppedPackets());
        assertEquals(0, archive.openRecordings());
    }

    @Test
    void everyPacketComesBackInOrderWithItsArrivalTime() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        RecordingReader reader = RecordingReader.open(new RecordingFiles(archive.directory(), "rec-1"),
                Recordings.key(1));
        List<String> seen = new java.util.ArrayList<>();
        reader.read(new RecordVisitor() {
            @Override
            public void rtp(int track, long arrivalMicros, byte[] array, int offset, int length) {
                byte[] expected = Recordings.opus(seen.size(), 0);
                assertEquals(expected.length, length);
                seen.add(track + "@" + arrivalMicros);
            }

            @Override
            public void mark(RecordType type, long atMicros) {
                seen.add(type + "@" + atMicros);
            }
        });
        assertEquals("RESUME@0", seen.get(0));
        assertEquals("0@20000", seen.get(1));
        assertEquals("PAUSE@1005000", seen.get(51));
        assertEquals("RESUME@3000000", seen.get(52));
        assertEquals("STOP@4005000", seen.get(seen.size() - 1));
        assertEquals(104, seen.size());
    }

    @Test
    void anyChangedByteIsDetected() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Path data = Recordings.dataFile(archive, "rec-1");
        byte[] original = Recordings.read(data);
        Recordings.Layout layout = Recordings.Layout.of(original);
        int[] second = layout.chunks().get(1);
        for (int position : new int[] {second[0] + 5, (second[0] + second[1]) / 2, second[1] - 1}) {
            byte[] changed = original.clone();
            changed[position] ^= 0x01;
            Files.write(data, changed);
            assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
        }
        Files.write(data, original);
        assertTrue(archive.verify("rec-1") > 0);
    }

    @Test
    void changedHeaderIsDetected() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Path data = Recordings.dataFile(archive, "rec-1");
        byte[] changed = Recordings.read(data);
        int room = indexOf(changed, "room-a".getBytes());
        changed[room + 5] = 'b';
        Files.write(data, changed);
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
    }

    @Test
    void reorderedChunksAreDetected() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Path data = Recordings.dataFile(archive, "rec-1");
        byte[] file = Recordings.read(data);
        Recordings.Layout layout = Recordings.Layout.of(file);
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        swapped.write(file, 0, layout.headerEnd());
        swapped.writeBytes(layout.chunk(file, 1));
        swapped.writeBytes(layout.chunk(file, 0));
        for (int i = 2; i < layout.chunks().size(); i++) {
            swapped.writeBytes(layout.chunk(file, i));
        }
        Files.write(data, swapped.toByteArray());
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
    }

    @Test
    void truncationIsDetectedAtAChunkBoundaryAndInsideAChunk() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Path data = Recordings.dataFile(archive, "rec-1");
        byte[] file = Recordings.read(data);
        Recordings.Layout layout = Recordings.Layout.of(file);
        int lastStart = layout.chunks().get(layout.chunks().size() - 1)[0];
        Files.write(data, java.util.Arrays.copyOf(file, lastStart));
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
        Files.write(data, java.util.Arrays.copyOf(file, file.length - 3));
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
        assertCode(RecordingException.CORRUPT, () -> archive.exportWebm("rec-1", new ByteArrayOutputStream()));
    }

    @Test
    void chunkSplicedFromAnotherRecordingIsDetected() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Recordings.writeSample(archive, "room-a", "rec-2");
        byte[] first = Recordings.read(Recordings.dataFile(archive, "rec-1"));
        byte[] second = Recordings.read(Recordings.dataFile(archive, "rec-2"));
        Recordings.Layout a = Recordings.Layout.of(first);
        Recordings.Layout b = Recordings.Layout.of(second);
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(first, 0, a.headerEnd());
        spliced.writeBytes(a.chunk(first, 0));
        spliced.writeBytes(b.chunk(second, 1));
        for (int i = 2; i < a.chunks().size(); i++) {
            spliced.writeBytes(a.chunk(first, i));
        }
        Files.write(Recordings.dataFile(archive, "rec-1"), spliced.toByteArray());
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
        // A whole data file moved under another recording's name fails too.
        Files.write(Recordings.dataFile(archive, "rec-1"), second);
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
    }

    @Test
    void keyFileOfAnotherRecordingDoesNotOpenThisOne() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Recordings.writeSample(archive, "room-a", "rec-2");
        Files.copy(Recordings.keyFile(archive, "rec-2"), Recordings.keyFile(archive, "rec-1"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertCode(RecordingException.CORRUPT, () -> archive.verify("rec-1"));
    }

    @Test
    void anotherMasterKeyCannotOpenTheRecording() {
        Recordings.writeSample(archive(Recordings.key(1)), "room-a", "rec-1");
        FileRecordingArchive other = archive(Recordings.key(2));
        assertCode(RecordingException.IO, () -> other.verify("rec-1"));
    }

    @Test
    void shredDestroysTheKeySoNothingCanBeReadAndRemovesTheData() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        archive.shred("rec-1");
        assertFalse(Files.exists(Recordings.keyFile(archive, "rec-1")));
        assertFalse(Files.exists(Recordings.dataFile(archive, "rec-1")));
        assertEquals(Optional.empty(), archive.find("rec-1"));
        assertEquals(List.of(), archive.list());
        archive.shred("rec-1");
        archive.shred("../../etc/passwd");
    }

    @Test
    void dataLeftBehindByAnUnfinishedShredIsReportedShreddedAndRemovedAtStartUp() throws IOException {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Files.delete(Recordings.keyFile(archive, "rec-1"));
        assertCode(RecordingException.SHREDDED, () -> archive.exportWebm("rec-1", new ByteArrayOutputStream()));
        archive(Recordings.key(1));
        assertFalse(Files.exists(Recordings.dataFile(archive, "rec-1")));
    }

    @Test
    void recordingLeftOpenIsInterruptedAtStartUpAndReadableToItsLastChunk() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        RecordingSession session = archive.create("room-a", "rec-1");
        Recordings.await(session.resume(0));
        int track = session.addTrack(new TrackDescriptor("p-1", "0", "audio", "opus", 48_000, 2));
        for (int i = 0; i < 20; i++) {
            byte[] rtp = Recordings.opus(i, i * 960L);
            session.writeRtp(track, rtp, 0, rtp.length, (i + 1) * 20 * Recordings.MS);
        }
        Recordings.await(session.pause(500 * Recordings.MS));
        assertEquals(RecordingStatus.PAUSED, archive.find("rec-1").orElseThrow().status());
        // A second archive over the same directory is what a restart after a kill sees.
        FileRecordingArchive restarted = archive(Recordings.key(1));
        RecordingInfo info = restarted.find("rec-1").orElseThrow();
        assertEquals(RecordingStatus.INTERRUPTED, info.status());
        assertEquals(Duration.ofMillis(500), info.recorded());
        assertEquals(2, restarted.verify("rec-1"));
    }

    @Test
    void idsThatAreNotSafeFileNamesAreRefused() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        assertCode(RecordingException.INVALID_ID, () -> archive.create("room", "../escape"));
        assertCode(RecordingException.INVALID_ID, () -> archive.create("room", ""));
        assertEquals(Optional.empty(), archive.find("a/b"));
        assertCode(RecordingException.NOT_FOUND, () -> archive.exportWebm("nope", new ByteArrayOutputStream()));
    }

    @Test
    void aUsedIdCannotBeRecordedAgain() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        assertCode(RecordingException.EXISTS, () -> archive.create("room-a", "rec-1"));
    }

    @Test
    void keyFileHoldsNoPlainDataKeyAndDataFileNoPlainRtp() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        byte[] data = Recordings.read(Recordings.dataFile(archive, "rec-1"));
        byte[] ssrc = ByteBuffer.allocate(4).putInt(0x11223344).array();
        assertEquals(-1, indexOf(data, ssrc));
        assertEquals(-1, indexOf(data, "p-1".getBytes()));
        assertEquals(-1, indexOf(Recordings.read(Recordings.keyFile(archive, "rec-1")), "p-1".getBytes()));
    }

    @Test
    void catalogKeyIsDerivedFromTheRecordingsKeyAndGoesWithTheShred() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        Recordings.writeSample(archive, "room-a", "rec-1");
        Recordings.writeSample(archive, "room-a", "rec-2");
        byte[] key = archive.catalogKey("rec-1").orElseThrow();
        assertEquals(32, key.length);
        assertTrue(java.util.Arrays.equals(key, archive(Recordings.key(1)).catalogKey("rec-1").orElseThrow()),
                "the same key after a restart");
        assertFalse(java.util.Arrays.equals(key, archive.catalogKey("rec-2").orElseThrow()));
        assertCode(RecordingException.IO, () -> archive(Recordings.key(2)).catalogKey("rec-1"));
        archive.shred("rec-1");
        assertEquals(Optional.empty(), archive.catalogKey("rec-1"));
        assertEquals(Optional.empty(), archive.catalogKey("never-recorded"));
        assertEquals(Optional.empty(), archive.catalogKey("../escape"));
    }

    @Test
    void catalogKeyOfALiveRecordingIsTheOneItKeepsAfterItStops() {
        FileRecordingArchive archive = archive(Recordings.key(1));
        RecordingSession session = archive.create("room-a", "rec-1");
        byte[] whileLive = archive.catalogKey("rec-1").orElseThrow();
        Recordings.await(session.resume(0));
        Recordings.await(session.stop(10 * Recordings.MS));
        assertTrue(java.util.Arrays.equals(whileLive, archive.catalogKey("rec-1").orElseThrow()));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void assertCode(String code, org.junit.jupiter.api.function.Executable call) {
        RecordingException e = assertThrows(RecordingException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

}

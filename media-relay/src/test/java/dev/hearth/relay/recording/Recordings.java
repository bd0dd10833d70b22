package dev.hearth.relay.recording;

import dev.hearth.relay.rtp.RtpPacketWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Writes synthetic recordings and takes their data files apart, for the storage tests. */
final class Recordings {
    static final long MS = 1_000_000L;

    private Recordings() {
    }

    static MasterKey key(int seed) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (seed * 7 + i);
        }
        return MasterKey.of(raw);
    }

    /**
     * A recording of one Opus track: 50 packets, a pause, 50 more, stopped. Each mark seals a chunk, so the file
     * has several.
     */
    static void writeSample(FileRecordingArchive archive, String roomId, String recordingId) {
        RecordingSession session = archive.create(roomId, recordingId);
        long t = 1_000 * MS;
        await(session.resume(t));
        int track = session.addTrack(new TrackDescriptor("p-1", "0", "audio", "opus", 48_000, 2));
        for (int i = 0; i < 50; i++) {
            t += 20 * MS;
            byte[] rtp = opus(i, i * 960L);
            session.writeRtp(track, rtp, 0, rtp.length, t);
        }
        await(session.pause(t + 5 * MS));
        t += 2_000 * MS;
        await(session.resume(t));
        for (int i = 50; i < 100; i++) {
            t += 20 * MS;
            byte[] rtp = opus(i, i * 960L + 96_000);
            session.writeRtp(track, rtp, 0, rtp.length, t);
        }
        await(session.stop(t + 5 * MS));
    }

    static byte[] opus(int sequence, long timestamp) {
        byte[] payload = new byte[60];
        payload[0] = (byte) 0xFC;
        for (int i = 1; i < payload.length; i++) {
            payload[i] = (byte) (sequence + i);
        }
        return new RtpPacketWriter().ssrc(0x11223344L).payloadType(111).sequenceNumber(sequence)
                .timestamp(timestamp).payload(payload).toBytes();
    }

    static void await(java.util.concurrent.CompletableFuture<Void> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Where each chunk (length prefix included) starts and ends in a data file. */
    record Layout(int headerEnd, List<int[]> chunks) {
        static Layout of(byte[] file) {
            ByteBuffer in = ByteBuffer.wrap(file);
            int headerEnd = 4 + in.getInt(0);
            List<int[]> chunks = new ArrayList<>();
            int position = headerEnd;
            while (position + 5 <= file.length) {
                int length = in.getInt(position);
                int end = position + 5 + length;
                if (end > file.length) {
                    break;
                }
                chunks.add(new int[] {position, end});
                position = end;
            }
            return new Layout(headerEnd, chunks);
        }

        byte[] chunk(byte[] file, int index) {
            return java.util.Arrays.copyOfRange(file, chunks.get(index)[0], chunks.get(index)[1]);
        }
    }

    static Path dataFile(FileRecordingArchive archive, String recordingId) {
        return archive.directory().resolve(recordingId + RecordingFiles.DATA_SUFFIX);
    }

    static Path keyFile(FileRecordingArchive archive, String recordingId) {
        return archive.directory().resolve(recordingId + RecordingFiles.KEY_SUFFIX);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.hearth.relay.recording;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one recording. The packet loop (one: a room lives on one loop) only copies packets into a preallocated
 * {@link PacketRing} (at most {@link #MAX_QUEUED_PACKETS} packets and {@link #RING_BYTES} bytes; beyond that a packet
 * is dropped and counted, never waited for); a writer thread of its own turns the ring into records,
 * seals them into chunks of about {@link #CHUNK_TARGET_BYTES} and forces the file at least every
 * {@link #FORCE_INTERVAL_NANOS} and on every mark, so a crash loses at most about a second.
 */
final class RecordingWriter implements RecordingSession {
    static final int MAX_QUEUED_PACKETS = 4096;
    /** About 1700 full-size video packets: two seconds of a busy room's cameras before the writer must catch up. */
    static final int RING_BYTES = 2 * 1024 * 1024;
    /** Entries kept for tracks and marks, so a pause or stop is never refused because packets filled the ring. */
    static final int CONTROL_ENTRIES = 256;
    static final int CHUNK_TARGET_BYTES = 64 * 1024;
    static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;
    /** Larger than any UDP payload the relay accepts; a bigger "packet" is a bug upstream, not media. */
    static final int MAX_RTP_BYTES = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RecordingFiles files;
    private final MasterKey master;
    private final ChunkCipher cipher;
    private final FileChannel channel;
    private final Consumer<RecordingWriter> onClosed;
    private final RecorderStatistics statistics;
    private final PacketRing ring = new PacketRing(MAX_QUEUED_PACKETS, RING_BYTES, CONTROL_ENTRIES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    /** Set by the writer thread while it parks on an empty ring, so the loop wakes it only then. */
    private volatile boolean parked;

    // Packet loop side.
    private final List<TrackDescriptor> tracks = new ArrayList<>();
    private boolean stopRequested;
    private boolean stuck;

    // Writer thread side; the volatile ones are read by the archive for listings.
    private KeyManifest manifest;
    private final Chunk chunk = new Chunk();
    private final DataOutputStream records = new DataOutputStream(chunk);
    private final Set<String> participants = new LinkedHashSet<>();
    private long chunkIndex;
    private long originNanos = Long.MIN_VALUE;
    private long segmentStartMicros = -1;
    private long closedSegmentsMicros;
    private long lastForceNanos = System.nanoTime();
    private boolean unforced;
    private volatile boolean writing;
    private volatile boolean closed;
    private volatile long recordedMicros;
    private volatile List<String> participantSnapshot = List.of();

    RecordingWriter(RecordingFiles files, MasterKey master, KeyManifest manifest, RecordingHeader header,
            FileChannel channel, Consumer<RecordingWriter> onClosed, RecorderStatistics statistics) {
        this.files = files;
        this.master = master;
        this.manifest = manifest;
        this.cipher = new ChunkCipher(manifest.dataKey(), header);
        this.channel = channel;
        this.onClosed = onClosed;
        this.statistics = statistics;
        this.thread = new Thread(this::run, "hearth-recorder-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    String recordingId() {
        return files.recordingId();
    }

    boolean isWriting() {
        return writing;
    }

    boolean isClosed() {
        return closed;
    }

    long recordedMicros() {
        return recordedMicros;
    }

    List<String> participants() {
        return participantSnapshot;
    }

    // ---- packet loop --------------------------------------------------------------------------------------------

    @Override
    public int addTrack(TrackDescriptor track) {
        int index = tracks.size();
        tracks.add(track);
        if (!ring.offerControl(RecordType.TRACK, index, 0, track, null)) {
            // Even the reserve is full: the writer has stopped taking anything. Nothing more goes into this file.
            stuck = true;
        }
        wake();
        return index;
    }

    @Override
    public boolean writeRtp(int track, byte[] array, int offset, int length, long arrivalNanos) {
        if (stopRequested || closed || stuck || length > MAX_RTP_BYTES || track < 0 || track >= tracks.size()
                || !ring.offerRtp(track, arrivalNanos, array, offset, length)) {
            dropped.incrementAndGet();
            statistics.dropped();
            return false;
        }
        wake();
        return true;
    }

    /** Unparks the writer if it sleeps on an empty ring; costs a volatile read otherwise. */
    private void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public CompletableFuture<Void> resume(long atNanos) {
        return mark(RecordType.RESUME, atNanos);
    }

    @Override
    public CompletableFuture<Void> pause(long atNanos) {
        return mark(RecordType.PAUSE, atNanos);
    }

    @Override
    public CompletableFuture<Void> stop(long atNanos) {
        return mark(RecordType.STOP, atNanos);
    }

    @Override
    public long droppedPackets() {
        return dropped.get();
    }

    private CompletableFuture<Void> mark(RecordType type, long atNanos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopRequested) {
            if (type == RecordType.STOP || type == RecordType.PAUSE) {
                done.complete(null);
            } else {
                done.completeExceptionally(new RecordingException(RecordingException.NOT_FOUND,
                        "the recording is already stopped"));
            }
            return done;
        }
        if (closed || stuck || !ring.offerControl(type, 0, atNanos, null, done)) {
            stuck = true;
            done.completeExceptionally(new RecordingException(RecordingException.IO,
                    "the recording writer is not taking anything"));
            return done;
        }
        stopRequested = type == RecordType.STOP;
        wake();
        return done;
    }

    // ---- writer thread ------------------------------------------------------------------------------------------

    private void run() {
        try {
            while (true) {
                PacketRing.Entry item = ring.peek();
                if (item == null) {
                    long untilForce = FORCE_INTERVAL_NANOS - (System.nanoTime() - lastForceNanos);
                    parked = true;
                    // Checked again after announcing the park: a packet offered in between is seen, or wakes us.
                    if (ring.isEmpty()) {
                        LockSupport.parkNanos(this, Math.max(1, untilForce));
                    }
                    parked = false;
                } else {
                    boolean finished = handle(item);
                    ring.release();
                    if (finished) {
                        return;
                    }
                }
                if (System.nanoTime() - lastForceNanos >= FORCE_INTERVAL_NANOS) {
                    if (chunk.size() > 0) {
                        sealChunk(false);
                    }
                    force();
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Returns true once the recording is finalised. */
    private boolean handle(PacketRing.Entry item) throws IOException {
        switch (item.type) {
            case TRACK -> {
                TrackDescriptor track = item.track;
                ensureRoom(64 + track.participantId().length() * 3 + track.mid().length() * 3);
                records.writeByte(RecordType.TRACK.code);
                records.writeShort(item.index);
                writeString(track.participantId());
                writeString(track.mid());
                writeString(track.kind());
                writeString(track.codec());
                records.writeInt(track.clockRate());
                records.writeByte(track.channels());
                if (participants.add(track.participantId())) {
                    participantSnapshot = List.copyOf(participants);
                }
            }
            case RTP -> {
                long micros = micros(item.nanos);
                ensureRoom(13 + item.length);
                records.writeByte(RecordType.RTP.code);
                records.writeShort(item.index);
                records.writeLong(micros);
                records.writeShort(item.length);
                records.write(ring.data(), item.offset, item.length);
                if (segmentStartMicros >= 0 && micros > segmentStartMicros) {
                    recordedMicros = closedSegmentsMicros + micros - segmentStartMicros;
                }
            }
            case RESUME, PAUSE, STOP -> {
                return mark(item);
            }
        }
        if (chunk.size() >= CHUNK_TARGET_BYTES) {
            sealChunk(false);
        }
        return false;
    }

    private boolean mark(PacketRing.Entry item) throws IOException {
        if (originNanos == Long.MIN_VALUE) {
            originNanos = item.nanos;
        }
        long micros = micros(item.nanos);
        ensureRoom(9);
        records.writeByte(item.type.code);
        records.writeLong(micros);
        if (item.type == RecordType.RESUME) {
            statistics.resumed();
        } else if (item.type == RecordType.PAUSE) {
            statistics.paused();
        }
        if (item.type == RecordType.RESUME) {
            if (segmentStartMicros < 0) {
                segmentStartMicros = micros;
            }
            writing = true;
        } else if (segmentStartMicros >= 0) {
            closedSegmentsMicros += Math.max(0, micros - segmentStartMicros);
            segmentStartMicros = -1;
            recordedMicros = closedSegmentsMicros;
            writing = false;
        }
        boolean last = item.type == RecordType.STOP;
        sealChunk(last);
        force();
        if (last) {
            channel.close();
            manifest = manifest.with(KeyManifest.State.COMPLETE, chunkIndex, closedSegmentsMicros,
                    List.copyOf(participants));
            files.writeKeyFile(manifest.seal(master, files.recordingId()));
            closed = true;
            statistics.recordingStopped();
            // Leave the archive's live set before telling anyone the stop is done, so a shred or export that
            // follows the stop never sees the recording as still open.
            onClosed.accept(this);
            item.done.complete(null);
            LOG.info("event=recording_stopped chunks={} recordedMs={} dropped={}", chunkIndex,
                    closedSegmentsMicros / 1000, dropped.get());
            return true;
        }
        item.done.complete(null);
        return false;
    }

    private long micros(long nanos) {
        return originNanos == Long.MIN_VALUE ? 0 : Math.max(0, (nanos - originNanos) / 1000);
    }

    private void ensureRoom(int bytes) {
        if (chunk.size() > 0 && chunk.size() + bytes > CHUNK_TARGET_BYTES) {
            sealChunk(false);
        }
    }

    private void writeString(String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        records.writeShort(utf8.length);
        records.write(utf8);
    }

    private void sealChunk(boolean last) {
        byte[] sealed = cipher.seal(chunkIndex, last, chunk.array(), chunk.size());
        ByteBuffer frame = ByteBuffer.allocate(5 + sealed.length);
        frame.putInt(sealed.length).put((byte) (last ? 1 : 0)).put(sealed).flip();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.wipe();
        chunkIndex++;
        unforced = true;
        statistics.written(frame.limit());
    }

    private void force() throws IOException {
        if (unforced) {
            channel.force(false);
            unforced = false;
        }
        lastForceNanos = System.nanoTime();
    }

    private void fail(Throwable error) {
        closed = true;
        writing = false;
        LOG.error("event=recording_write_failed chunks={} error={}", chunkIndex, error.getClass().getSimpleName());
        chunk.wipe();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the recording stays open on disk and start-up marks it interrupted.
        }
        RecordingException failure = new RecordingException(RecordingException.IO, "the recording could not be written",
                error);
        PacketRing.Entry item;
        while ((item = ring.peek()) != null) {
            if (item.done != null) {
                item.done.completeExceptionally(failure);
            }
            ring.release();
        }
        onClosed.accept(this);
    }

    /** The plaintext of the chunk being filled; wiped after sealing so plaintext does not linger on the heap. */
    private static final class Chunk extends ByteArrayOutputStream {
        Chunk() {
            super(CHUNK_TARGET_BYTES + 4096);
        }

        byte[] array() {
            return buf;
        }

        void wipe() {
            java.util.Arrays.fill(buf, 0, count, (byte) 0);
            reset();
        }
    }
}

package dev.hearth.relay.recording;

import java.util.concurrent.CompletableFuture;

/**
 * The relay's handle on one recording being written. The packet loop calls {@link #addTrack}, {@link #writeRtp} and
 * the marks; none of them blocks or touches the disk: packets are copied into a bounded queue that a writer thread
 * drains (on overflow a packet is dropped and counted). The futures the marks return complete once the mark is
 * durably on disk, so a control thread may wait on them, the packet loop never.
 */
public interface RecordingSession {

    /** Declares a stream; returns the index that {@link #writeRtp} takes. */
    int addTrack(TrackDescriptor track);

    /**
     * Copies one decrypted RTP packet (header and payload) with its arrival time; never blocks. Returns false when
     * the packet was dropped (writer behind, session stopping), so the caller can ask for a new key frame.
     */
    boolean writeRtp(int track, byte[] array, int offset, int length, long arrivalNanos);

    /** Writing resumes (or starts) at {@code atNanos}; the exporter keeps time from here. */
    CompletableFuture<Void> resume(long atNanos);

    /** Writing pauses at {@code atNanos}; the exporter removes the time until the next resume. */
    CompletableFuture<Void> pause(long atNanos);

    /** Writes the final chunk and closes the files; the session accepts nothing afterwards. */
    CompletableFuture<Void> stop(long atNanos);

    /** Packets dropped because the writer fell behind; for metrics and the docs' promise that drops are counted. */
    long droppedPackets();
}

package dev.hearth.relay.recording;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the recorder has done since start, over every recording, for metrics: bytes written to disk (encrypted
 * chunks and headers), pauses and resumes written, recordings started and finished, packets dropped because a
 * writer fell behind or was closing. Writer threads count a chunk or a mark at a time; the packet loop only
 * counts a drop.
 */
public final class RecorderStatistics {

    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicLong droppedPackets = new AtomicLong();

    void written(long bytes) {
        bytesWritten.addAndGet(bytes);
    }

    void paused() {
        pauses.incrementAndGet();
    }

    void resumed() {
        resumes.incrementAndGet();
    }

    void recordingStarted() {
        started.incrementAndGet();
    }

    void recordingStopped() {
        stopped.incrementAndGet();
    }

    void dropped() {
        droppedPackets.incrementAndGet();
    }

    public long bytesWritten() {
        return bytesWritten.get();
    }

    public long pauses() {
        return pauses.get();
    }

    public long resumes() {
        return resumes.get();
    }

    /** Recordings created. */
    public long started() {
        return started.get();
    }

    /** Recordings finalised by a stop. */
    public long stopped() {
        return stopped.get();
    }

    public long droppedPackets() {
        return droppedPackets.get();
    }
}

package dev.hearth.relay.recording.webm;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams a WebM file: EBML header, a Segment of unknown size (the file is written front to back, never sought),
 * Info with a millisecond TimecodeScale and the duration, Tracks, then Clusters of SimpleBlocks. Each cluster is
 * built in memory and written whole, so it carries its size. Blocks must come in non-decreasing time order.
 */
public final class WebmMuxer {
    static final int EBML = 0x1A45DFA3;
    static final int SEGMENT = 0x18538067;
    static final int INFO = 0x1549A966;
    static final int TRACKS = 0x1654AE6B;
    static final int CLUSTER = 0x1F43B675;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int TIMECODE = 0xE7;
    /** A cluster spans at most this much, well inside the signed 16-bit block offset. */
    static final long CLUSTER_SPAN_MS = 5_000;
    private static final long NANOS_PER_TICK = 1_000_000;
    private static final long OPUS_SEEK_PRE_ROLL_NS = 80_000_000;

    private final OutputStream out;
    private final EbmlWriter cluster = new EbmlWriter();
    private long clusterTime = -1;
    private long lastTime;

    public WebmMuxer(OutputStream out) {
        this.out = out;
    }

    public void writeHeader(List<WebmTrack> tracks, double durationMs) throws IOException {
        EbmlWriter head = new EbmlWriter();
        head.master(EBML, new EbmlWriter()
                .unsigned(0x4286, 1)
                .unsigned(0x42F7, 1)
                .unsigned(0x42F2, 4)
                .unsigned(0x42F3, 8)
                .string(0x4282, "webm")
                .unsigned(0x4287, 4)
                .unsigned(0x4285, 2));
        head.id(SEGMENT).size(EbmlWriter.UNKNOWN_SIZE);
        head.master(INFO, new EbmlWriter()
                .unsigned(0x2AD7B1, NANOS_PER_TICK)
                .floating(0x4489, durationMs)
                .string(0x4D80, "Hearth")
                .string(0x5741, "Hearth"));
        EbmlWriter entries = new EbmlWriter();
        for (WebmTrack track : tracks) {
            entries.master(0xAE, entry(track));
        }
        head.master(TRACKS, entries);
        head.writeTo(out);
    }

    private static EbmlWriter entry(WebmTrack track) {
        EbmlWriter entry = new EbmlWriter()
                .unsigned(0xD7, track.number())
                .unsigned(0x73C5, track.number())
                .unsigned(0x83, track.video() ? 1 : 2)
                .unsigned(0x9C, 0)
                .string(0x536E, track.name())
                .string(0x86, track.codecId());
        if (track.codecPrivate() != null) {
            entry.binary(0x63A2, track.codecPrivate());
        }
        if (track.video()) {
            entry.master(0xE0, new EbmlWriter().unsigned(0xB0, track.width()).unsigned(0xBA, track.height()));
        } else {
            entry.unsigned(0x56AA, 0);
            entry.unsigned(0x56BB, OPUS_SEEK_PRE_ROLL_NS);
            entry.master(0xE1, new EbmlWriter().floating(0xB5, 48_000.0).unsigned(0x9F, track.channels()));
        }
        return entry;
    }

    /**
     * Adds one frame. A new cluster starts when the span is used up, or at a video key frame after a second, so
     * players can start decoding at cluster boundaries.
     */
    public void writeBlock(WebmTrack track, long timeMs, boolean keyframe, byte[] frame, int offset, int length)
            throws IOException {
        if (timeMs < lastTime) {
            throw new IllegalArgumentException("blocks must come in time order");
        }
        lastTime = timeMs;
        if (clusterTime < 0 || timeMs - clusterTime >= CLUSTER_SPAN_MS
                || (track.video() && keyframe && timeMs - clusterTime >= 1_000)) {
            flushCluster();
            clusterTime = timeMs;
            cluster.unsigned(TIMECODE, timeMs);
        }
        int relative = (int) (timeMs - clusterTime);
        cluster.id(SIMPLE_BLOCK).size(4L + length);
        cluster.raw(0x80 | track.number());
        cluster.raw(relative >>> 8).raw(relative & 0xFF);
        cluster.raw(keyframe ? 0x80 : 0x00);
        cluster.raw(frame, offset, length);
    }

    /** Writes the last cluster and flushes; the stream stays open (the caller owns it). */
    public void finish() throws IOException {
        flushCluster();
        out.flush();
    }

    private void flushCluster() throws IOException {
        if (cluster.size() == 0) {
            return;
        }
        EbmlWriter framed = new EbmlWriter();
        framed.id(CLUSTER).size(cluster.size());
        framed.writeTo(out);
        cluster.writeTo(out);
        cluster.reset();
    }
}

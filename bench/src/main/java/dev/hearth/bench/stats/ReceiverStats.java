package dev.hearth.bench.stats;

import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.media.Trailer;
import dev.hearth.bench.net.MediaSink;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one synthetic participant receives, over every transport it subscribes on: per remote stream the
 * packets counted for loss, latency from the sender's trailer timestamp to the moment the datagram was read
 * (one process, one clock), and a byte-for-byte check of each payload against the clip the sender sent from.
 * Receive threads record under this object's lock (uncontended: one participant's transports share a thread
 * unless a server splits them), the runner takes and resets a {@link Snapshot} per measurement window.
 */
public final class ReceiverStats implements MediaSink {

    private final int self;
    private final Map<MediaClip.Kind, MediaClip> clips;
    private Map<Integer, StreamCount> streams = new HashMap<>();
    private LatencyHistogram latency = new LatencyHistogram();
    private long packets;
    private long payloadMatches;
    private long payloadMismatches;
    private long foreign;
    private long rejected;
    private long ownEcho;

    public ReceiverStats(int self, Map<MediaClip.Kind, MediaClip> clips) {
        this.self = self;
        this.clips = Map.copyOf(clips);
    }

    @Override
    public synchronized void rtp(byte[] a, int length, long nanos) {
        int payloadStart = payloadStart(a, length);
        int end = payloadEnd(a, length);
        if (payloadStart < 0 || end < payloadStart || !Trailer.present(a, payloadStart, end)) {
            foreign++; // padding-only probes, or media that is not ours
            return;
        }
        int stream = Trailer.streamIdAt(a, end);
        int sequence = Trailer.sequenceAt(a, end);
        if (Trailer.participantOf(stream) == self) {
            ownEcho++;
            return;
        }
        if (!streams.computeIfAbsent(stream, s -> new StreamCount()).record(sequence & 0xFFFFFFFFL)) {
            return;
        }
        packets++;
        latency.record(nanos - Trailer.sendNanosAt(a, end));
        MediaClip clip = clips.get(Trailer.kindOf(stream));
        byte[] expected = clip.packet(sequence & 0xFFFFFFFFL);
        if (Arrays.equals(a, payloadStart, end - Trailer.LENGTH, expected, 0, expected.length)) {
            payloadMatches++;
        } else {
            payloadMismatches++;
        }
    }

    @Override
    public synchronized void rejected() {
        rejected++;
    }

    /** Where the payload starts after fixed header, CSRCs and header extension; -1 when malformed. */
    static int payloadStart(byte[] a, int length) {
        if (length < 12 || (a[0] & 0xC0) != 0x80) {
            return -1;
        }
        int at = 12 + 4 * (a[0] & 0x0F);
        if ((a[0] & 0x10) != 0) {
            if (at + 4 > length) {
                return -1;
            }
            at += 4 + 4 * (((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF));
        }
        return at <= length ? at : -1;
    }

    static int payloadEnd(byte[] a, int length) {
        if ((a[0] & 0x20) != 0) {
            return length - (a[length - 1] & 0xFF);
        }
        return length;
    }

    /** Takes what was counted since the last snapshot and starts counting afresh. */
    public synchronized Snapshot snapshot() {
        long expected = 0;
        long received = 0;
        for (StreamCount c : streams.values()) {
            expected += c.expected();
            received += c.received();
        }
        Snapshot s = new Snapshot(packets, expected, received, streams.size(), payloadMatches, payloadMismatches,
                rejected, foreign, ownEcho, latency);
        streams = new HashMap<>();
        latency = new LatencyHistogram();
        packets = payloadMatches = payloadMismatches = rejected = foreign = ownEcho = 0;
        return s;
    }

    /** Counts of one window; {@code streams} is how many remote streams delivered at least one packet. */
    public record Snapshot(long packets, long expected, long received, int streams, long payloadMatches,
                           long payloadMismatches, long rejected, long foreign, long ownEcho,
                           LatencyHistogram latency) {
    }
}

package dev.hearth.relay.recording.vp8;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reassembles VP8 frames from RTP packets (RFC 7741): packets of one frame share a timestamp, the first has S set
 * with partition 0, the last has the marker bit; a frame is complete when every sequence number between them is
 * there. Packets may come out of order and twice (retransmissions). A frame that cannot complete (a packet lost)
 * is dropped, and so is everything after it until the next key frame, because those frames reference it: a
 * decoder fed them would show damage or fail.
 */
public final class Vp8FrameAssembler {
    /** Frames waiting for packets; more than this many means the oldest will never complete. */
    static final int MAX_PENDING_FRAMES = 32;

    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final Consumer<Vp8Frame> output;
    private long lastSequence = -1;
    private long lastTimestamp = -1;
    private long lastEmitted = Long.MIN_VALUE;
    private boolean needKeyframe = true;
    private long dropped;

    public Vp8FrameAssembler(Consumer<Vp8Frame> output) {
        this.output = output;
    }

    /** Frames dropped as incomplete or undecodable. */
    public long droppedFrames() {
        return dropped;
    }

    /**
     * Everything pending is abandoned and decoding restarts at the next key frame: after a pause, or when the
     * sender restarted its stream.
     */
    public void restart() {
        dropped += pending.size();
        pending.clear();
        lastSequence = -1;
        lastTimestamp = -1;
        lastEmitted = Long.MIN_VALUE;
        needKeyframe = true;
    }

    /**
     * @param payload the RTP payload (descriptor included), padding excluded
     */
    public void add(int sequence, long timestamp, boolean marker, long arrivalMicros, byte[] payload, int offset,
            int length) {
        int descriptor = Vp8PayloadDescriptor.length(payload, offset, length);
        if (descriptor < 0) {
            return;
        }
        long seq = extend(sequence, lastSequence, 16);
        long ts = extend(timestamp, lastTimestamp, 32);
        lastSequence = Math.max(lastSequence, seq);
        lastTimestamp = Math.max(lastTimestamp, ts);
        if (ts <= lastEmitted) {
            return;
        }
        Pending frame = pending.computeIfAbsent(ts, t -> new Pending());
        byte[] data = new byte[length - descriptor];
        System.arraycopy(payload, offset + descriptor, data, 0, data.length);
        frame.packets.putIfAbsent(seq, data);
        if (Vp8PayloadDescriptor.startsFrame(payload, offset)) {
            frame.first = seq;
        }
        if (marker) {
            frame.last = seq;
        }
        frame.arrivalMicros = Math.max(frame.arrivalMicros, arrivalMicros);
        if (frame.isComplete()) {
            emit(ts, frame);
        } else if (pending.size() > MAX_PENDING_FRAMES) {
            pending.pollFirstEntry();
            dropped++;
            needKeyframe = true;
        }
    }

    private void emit(long ts, Pending frame) {
        // Older frames still incomplete are lost for good: the decoder must wait for a key frame.
        Iterator<Map.Entry<Long, Pending>> older = pending.headMap(ts, false).entrySet().iterator();
        while (older.hasNext()) {
            older.next();
            older.remove();
            dropped++;
            needKeyframe = true;
        }
        pending.remove(ts);
        lastEmitted = ts;
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : frame.packets.subMap(frame.first, true, frame.last, true).values()) {
            whole.write(part, 0, part.length);
        }
        byte[] data = whole.toByteArray();
        boolean keyframe = Vp8PayloadDescriptor.isKeyframe(data, 0, data.length);
        if (needKeyframe && !keyframe) {
            dropped++;
            return;
        }
        needKeyframe = false;
        output.accept(new Vp8Frame(ts, frame.arrivalMicros, keyframe, data));
    }

    /** The value nearest to {@code reference} whose low {@code bits} bits are {@code value}. */
    static long extend(long value, long reference, int bits) {
        if (reference < 0) {
            return value + (1L << bits);
        }
        long modulus = 1L << bits;
        long candidate = (reference & ~(modulus - 1)) | value;
        if (candidate - reference > modulus / 2) {
            candidate -= modulus;
        } else if (reference - candidate > modulus / 2) {
            candidate += modulus;
        }
        return candidate;
    }

    private static final class Pending {
        final TreeMap<Long, byte[]> packets = new TreeMap<>();
        long first = -1;
        long last = -1;
        long arrivalMicros;

        boolean isComplete() {
            return first >= 0 && last >= first && packets.subMap(first, true, last, true).size() == last - first + 1;
        }
    }
}

package dev.hearth.bench.media;

import java.util.ArrayList;
import java.util.List;

/**
 * One pre-encoded stream cut into RTP payloads, as a sender emits them: {@link #frames()} in order, one frame per
 * {@link #frameIntervalNanos()}, each frame's packets back to back (the last one carries the RTP marker). The
 * clip loops; packet number {@code n} of the stream is always {@link #packet(long) packet(n)}, so a receiver can
 * check a payload against the clip from the sequence the sender wrote into it.
 */
public final class MediaClip {

    /** The two kinds a participant publishes. */
    public enum Kind { AUDIO, VIDEO }

    private final Kind kind;
    private final List<List<byte[]>> frames;
    private final List<byte[]> packets;
    private final long frameIntervalNanos;
    private final int rtpTicksPerFrame;
    private final long payloadBytes;

    public MediaClip(Kind kind, List<List<byte[]>> frames, long frameIntervalNanos, int rtpTicksPerFrame) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        this.kind = kind;
        this.frames = List.copyOf(frames);
        List<byte[]> flat = new ArrayList<>();
        long bytes = 0;
        for (List<byte[]> frame : frames) {
            if (frame.isEmpty()) {
                throw new IllegalArgumentException("a frame needs at least one packet");
            }
            flat.addAll(frame);
            for (byte[] p : frame) {
                bytes += p.length;
            }
        }
        this.packets = List.copyOf(flat);
        this.payloadBytes = bytes;
        this.frameIntervalNanos = frameIntervalNanos;
        this.rtpTicksPerFrame = rtpTicksPerFrame;
    }

    public Kind kind() {
        return kind;
    }

    public List<List<byte[]>> frames() {
        return frames;
    }

    public long frameIntervalNanos() {
        return frameIntervalNanos;
    }

    public int rtpTicksPerFrame() {
        return rtpTicksPerFrame;
    }

    /** The payload of the stream's packet number {@code n} (counting from 0, looping over the clip). */
    public byte[] packet(long n) {
        return packets.get((int) Math.floorMod(n, (long) packets.size()));
    }

    public int packetCount() {
        return packets.size();
    }

    /** Packets per second when sent at the clip's frame rate. */
    public double packetsPerSecond() {
        return packets.size() * 1e9 / (frames.size() * (double) frameIntervalNanos);
    }

    /** Payload bits per second when sent at the clip's frame rate (without RTP/SRTP overhead). */
    public double bitsPerSecond() {
        return payloadBytes * 8e9 / (frames.size() * (double) frameIntervalNanos);
    }
}

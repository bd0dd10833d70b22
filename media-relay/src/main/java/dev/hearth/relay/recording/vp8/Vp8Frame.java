package dev.hearth.relay.recording.vp8;

/**
 * One whole VP8 frame put back together from its RTP packets.
 *
 * @param timestamp the RTP timestamp, extended past 32-bit wrap-around
 * @param arrivalMicros when its last packet arrived
 */
public record Vp8Frame(long timestamp, long arrivalMicros, boolean keyframe, byte[] data) {
}

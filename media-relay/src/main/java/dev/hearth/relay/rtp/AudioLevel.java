package dev.hearth.relay.rtp;

/** The client-to-mixer audio level extension (RFC 6464): a voice-activity bit and the level in -dBov (0..127). */
public final class AudioLevel {
    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Returned by {@link #level} when the packet has no usable element; 127 is the quietest real level. */
    public static final int ABSENT = -1;

    private AudioLevel() {
    }

    /** The level in -dBov (0 loudest, 127 silence), or {@link #ABSENT}. */
    public static int level(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        return at < 0 || packet.extensionLength(at) < 1 ? ABSENT : packet.array()[at] & 0x7F;
    }

    /** The V bit: the sender's voice activity detector thinks this packet holds speech. */
    public static boolean isVoice(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        return at >= 0 && packet.extensionLength(at) >= 1 && (packet.array()[at] & 0x80) != 0;
    }

    public static byte[] encode(boolean voice, int level) {
        if (level < 0 || level > 127) {
            throw new IllegalArgumentException("audio level is 0..127 -dBov");
        }
        return new byte[] {(byte) ((voice ? 0x80 : 0) | level)};
    }
}

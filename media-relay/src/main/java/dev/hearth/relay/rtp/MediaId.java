package dev.hearth.relay.rtp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The sdes:mid extension (RFC 9143 section 15): the BUNDLE media identification of a packet, as text. */
public final class MediaId {
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    private MediaId() {
    }

    /** The MID under {@code id}, or null when absent. Allocates: prefer {@link #matches} on the packet path. */
    public static String read(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        return at < 0 ? null : new String(packet.array(), at, packet.extensionLength(at), StandardCharsets.UTF_8);
    }

    /** True when the packet carries exactly {@code mid} (UTF-8 bytes) under {@code id}. */
    public static boolean matches(RtpPacket packet, int id, byte[] mid) {
        int at = packet.findExtension(id);
        return at >= 0 && Arrays.equals(packet.array(), at, at + packet.extensionLength(at), mid, 0, mid.length);
    }

    public static byte[] encode(String mid) {
        byte[] bytes = mid.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > 255) {
            throw new IllegalArgumentException("a MID is 1..255 bytes");
        }
        return bytes;
    }
}

package dev.hearth.relay.rtp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sdes:rtp-stream-id and sdes:repaired-rtp-stream-id extensions (RFC 8852 sections 3.1 and 3.2): the rid of a
 * simulcast layer, as text, on the layer's own packets and on its retransmissions respectively. Browsers send them on
 * the first packets of each stream (until the SSRC is acknowledged), so a receiver maps SSRC to rid once and then goes
 * by SSRC. {@link #indexOf} and {@link #matches} allocate nothing, for the packet path and for an
 * {@link RtpExtensionVisitor}.
 */
public final class RtpStreamId {
    public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** The longest rid the relay accepts; browsers use one or two characters. */
    public static final int MAX_LENGTH = 16;

    private RtpStreamId() {
    }

    /** The rid under {@code id}, or null when absent or not a valid rid. Allocates: prefer {@link #indexOf}. */
    public static String read(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        if (at < 0) {
            return null;
        }
        int length = packet.extensionLength(at);
        return isValid(packet.array(), at, length)
                ? new String(packet.array(), at, length, StandardCharsets.US_ASCII) : null;
    }

    /** Which of {@code rids} (US-ASCII bytes, see {@link #encode}) the packet carries under {@code id}; -1 if none. */
    public static int indexOf(RtpPacket packet, int id, byte[][] rids) {
        int at = packet.findExtension(id);
        if (at < 0) {
            return -1;
        }
        int length = packet.extensionLength(at);
        for (int i = 0; i < rids.length; i++) {
            if (matches(packet.array(), at, length, rids[i])) {
                return i;
            }
        }
        return -1;
    }

    /** True when the element value {@code array[offset, offset + length)} is exactly {@code rid}. */
    public static boolean matches(byte[] array, int offset, int length, byte[] rid) {
        return length == rid.length && Arrays.equals(array, offset, offset + length, rid, 0, rid.length);
    }

    /** The rid's bytes; only RFC 8851 rid-ids (letters, digits, '-' and '_'), 1 to {@link #MAX_LENGTH} long. */
    public static byte[] encode(String rid) {
        byte[] bytes = rid.getBytes(StandardCharsets.US_ASCII);
        if (!isValid(bytes, 0, bytes.length) || !rid.equals(new String(bytes, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("a rid is 1.." + MAX_LENGTH + " letters, digits, '-' or '_'");
        }
        return bytes;
    }

    public static boolean isValid(String rid) {
        return rid != null && rid.chars().allMatch(c -> c < 0x80)
                && isValid(rid.getBytes(StandardCharsets.US_ASCII), 0, rid.length());
    }

    private static boolean isValid(byte[] a, int offset, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = offset; i < offset + length; i++) {
            byte c = a[i];
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package dev.hearth.bench.media;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7741 payloads for one VP8 frame: a one-byte payload descriptor (S set on the first packet, partition 0,
 * no extensions) followed by a slice of the frame, each payload at most {@code maxPayload} bytes.
 */
public final class Vp8Packetizer {

    private Vp8Packetizer() {
    }

    public static List<byte[]> packetize(byte[] frame, int maxPayload) {
        int chunk = maxPayload - 1;
        int count = Math.max(1, (frame.length + chunk - 1) / chunk);
        // Even slices, as libwebrtc cuts them, rather than full packets and a runt.
        int slice = (frame.length + count - 1) / count;
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * slice;
            int length = Math.max(0, Math.min(slice, frame.length - from));
            byte[] payload = new byte[1 + length];
            payload[0] = (byte) (i == 0 ? 0x10 : 0x00);
            System.arraycopy(frame, from, payload, 1, length);
            payloads.add(payload);
        }
        return payloads;
    }
}

package dev.hearth.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.media.Trailer;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a receiver counts: distinct packets per stream, loss from gaps, payloads checked against the clip. */
class ReceiverStatsTest {

    private static final MediaClip AUDIO = new MediaClip(MediaClip.Kind.AUDIO,
            List.of(List.of(new byte[] {1, 2, 3}), List.of(new byte[] {4, 5, 6, 7})), 20_000_000L, 960);
    private static final MediaClip VIDEO = new MediaClip(MediaClip.Kind.VIDEO,
            List.of(List.of(new byte[] {9, 9}, new byte[] {8})), 33_333_333L, 3000);

    private final ReceiverStats stats = new ReceiverStats(0, Map.of(MediaClip.Kind.AUDIO, AUDIO,
            MediaClip.Kind.VIDEO, VIDEO));

    @Test
    void countsGapsAsLossAndDuplicatesOnce() {
        for (int n : new int[] {10, 11, 13, 13, 14}) {
            receive(1, MediaClip.Kind.AUDIO, n, AUDIO.packet(n));
        }
        ReceiverStats.Snapshot s = stats.snapshot();
        assertEquals(4, s.received());
        assertEquals(5, s.expected());
        assertEquals(4, s.payloadMatches());
        assertEquals(0, s.payloadMismatches());
        assertEquals(1, s.streams());
    }

    @Test
    void aPayloadThatDiffersFromTheClipIsAMismatch() {
        byte[] altered = VIDEO.packet(1).clone();
        altered[0] ^= 1;
        receive(2, MediaClip.Kind.VIDEO, 0, VIDEO.packet(0));
        receive(2, MediaClip.Kind.VIDEO, 1, altered);
        receive(2, MediaClip.Kind.VIDEO, 2, VIDEO.packet(1)); // packet 2 of a 2-packet clip is its first
        ReceiverStats.Snapshot s = stats.snapshot();
        assertEquals(1, s.payloadMatches());
        assertEquals(2, s.payloadMismatches());
    }

    @Test
    void ownPacketsAndPacketsWithoutTrailerAreNotCounted() {
        receive(0, MediaClip.Kind.AUDIO, 0, AUDIO.packet(0));
        byte[] plain = rtp(new byte[] {1, 2, 3, 4});
        stats.rtp(plain, plain.length, System.nanoTime());
        ReceiverStats.Snapshot s = stats.snapshot();
        assertEquals(0, s.packets());
        assertEquals(1, s.ownEcho());
        assertEquals(1, s.foreign());
    }

    private void receive(int sender, MediaClip.Kind kind, int number, byte[] payload) {
        byte[] body = new byte[payload.length + Trailer.LENGTH];
        System.arraycopy(payload, 0, body, 0, payload.length);
        Trailer.write(body, payload.length, Trailer.streamId(sender, kind), number, System.nanoTime());
        byte[] packet = rtp(body);
        stats.rtp(packet, packet.length, System.nanoTime());
    }

    /** A header with a one-word extension, as relays forward it, then {@code payload}. */
    private static byte[] rtp(byte[] payload) {
        byte[] packet = new byte[20 + payload.length];
        packet[0] = (byte) 0x90;
        packet[1] = 96;
        packet[12] = (byte) 0xBE;
        packet[13] = (byte) 0xDE;
        packet[15] = 1;
        System.arraycopy(payload, 0, packet, 20, payload.length);
        return packet;
    }
}

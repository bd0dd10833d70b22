package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpStreamIdTest {
    private static final int RID = 10;
    private static final int REPAIRED = 11;
    private static final byte[][] LAYERS = {RtpStreamId.encode("q"), RtpStreamId.encode("h"), RtpStreamId.encode("f")};

    private final RtpPacket packet = new RtpPacket();

    private void wrap(RtpPacketWriter writer) {
        byte[] bytes = writer.payloadType(96).ssrc(1).payload(new byte[4]).toBytes();
        assertTrue(packet.wrap(bytes, 0, bytes.length));
    }

    @Test
    void findsTheLayerOfAPacketAndOfItsRetransmission() {
        wrap(new RtpPacketWriter().extension(4, MediaId.encode("1")).extension(RID, RtpStreamId.encode("h")));
        assertEquals("h", RtpStreamId.read(packet, RID));
        assertEquals(1, RtpStreamId.indexOf(packet, RID, LAYERS));
        assertEquals(-1, RtpStreamId.indexOf(packet, REPAIRED, LAYERS));

        wrap(new RtpPacketWriter().extension(REPAIRED, RtpStreamId.encode("f")));
        assertNull(RtpStreamId.read(packet, RID));
        assertEquals(2, RtpStreamId.indexOf(packet, REPAIRED, LAYERS));
    }

    @Test
    void worksFromAnExtensionVisitorToo() {
        wrap(new RtpPacketWriter().twoByteExtensions().extension(REPAIRED, RtpStreamId.encode("q"))
                .extension(RID, RtpStreamId.encode("f")));
        List<String> seen = new ArrayList<>();
        packet.forEachExtension((id, array, offset, length) -> {
            for (int i = 0; i < LAYERS.length; i++) {
                if ((id == RID || id == REPAIRED) && RtpStreamId.matches(array, offset, length, LAYERS[i])) {
                    seen.add(id + "=" + i);
                }
            }
        });
        assertEquals(List.of(REPAIRED + "=0", RID + "=2"), seen);
    }

    @Test
    void aPrefixOrAnInvalidRidIsNoMatch() {
        wrap(new RtpPacketWriter().extension(RID, "hh".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, RtpStreamId.indexOf(packet, RID, LAYERS));
        wrap(new RtpPacketWriter().extension(RID, "h;".getBytes(StandardCharsets.US_ASCII)));
        assertNull(RtpStreamId.read(packet, RID), "not a rid-id: never handed out as text");
        assertThrows(IllegalArgumentException.class, () -> RtpStreamId.encode(""));
        assertThrows(IllegalArgumentException.class, () -> RtpStreamId.encode("a b"));
        assertThrows(IllegalArgumentException.class, () -> RtpStreamId.encode("é"));
        assertThrows(IllegalArgumentException.class, () -> RtpStreamId.encode("x".repeat(17)));
        assertFalse(RtpStreamId.isValid("~f"));
        assertTrue(RtpStreamId.isValid("hi-Res_2"));
    }
}

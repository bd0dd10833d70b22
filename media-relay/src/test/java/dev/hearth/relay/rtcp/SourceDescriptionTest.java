package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDescriptionTest {
    /** Two chunks: CNAME "abc" (2+3+1 null -> 8 bytes), CNAME "wxyz" (2+4+1 -> 8 bytes). */
    static final byte[] SDES = hex("82ca0006 11111111 01036162 63000000 22222222 01047778 797a0000");

    @Test
    void parsesHandComputedBytes() {
        assertEquals(new SourceDescription(List.of(
                new SourceDescription.Chunk(0x11111111L, "abc"),
                new SourceDescription.Chunk(0x22222222L, "wxyz"))),
                SourceDescription.parse(SDES, 0, SDES.length));
    }

    @Test
    void writesHandComputedBytes() {
        SourceDescription sdes = SourceDescription.parse(SDES, 0, SDES.length);
        byte[] out = new byte[sdes.length()];
        sdes.writeTo(out, 0);
        assertArrayEquals(SDES, out);
    }

    @Test
    void skipsOtherItemsAndKeepsTheCname() {
        // NAME item (type 2) "x" before CNAME "c"; 4 + 3 + 3 + 1 = 11 -> 12.
        byte[] bytes = hex("81ca0003 33333333 02017801 01630000");
        SourceDescription sdes = SourceDescription.parse(bytes, 0, bytes.length);
        assertEquals("c", sdes.chunks().get(0).cname());
    }

    @Test
    void cnameOfFourBytesNeedsAFullNullWord() {
        SourceDescription sdes = new SourceDescription(List.of(new SourceDescription.Chunk(1, "ab")));
        byte[] out = new byte[sdes.length()];
        sdes.writeTo(out, 0);
        assertArrayEquals(hex("81ca0003 00000001 01026162 00000000"), out);
        assertEquals(sdes, SourceDescription.parse(out, 0, out.length));
    }

    @Test
    void rejectsItemRunningPastThePacket() {
        byte[] bytes = hex("81ca0002 33333333 01096162");
        assertNull(SourceDescription.parse(bytes, 0, bytes.length));
    }
}

package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoodbyeTest {
    @Test
    void writesAndParsesWithReason() {
        Goodbye bye = new Goodbye(List.of(0x01020304L, 0x05060708L), "bye");
        byte[] out = new byte[bye.length()];
        bye.writeTo(out, 0);
        assertArrayEquals(hex("82cb0003 01020304 05060708 03627965"), out);
        assertEquals(bye, Goodbye.parse(out, 0, out.length));
    }

    @Test
    void writesAndParsesWithoutReason() {
        Goodbye bye = new Goodbye(List.of(0xffffffffL), null);
        byte[] out = new byte[bye.length()];
        bye.writeTo(out, 0);
        assertArrayEquals(hex("81cb0001 ffffffff"), out);
        assertEquals(bye, Goodbye.parse(out, 0, out.length));
    }

    @Test
    void rejectsReasonPastThePacket() {
        byte[] bytes = hex("81cb0002 ffffffff 09627965");
        assertNull(Goodbye.parse(bytes, 0, bytes.length));
    }
}

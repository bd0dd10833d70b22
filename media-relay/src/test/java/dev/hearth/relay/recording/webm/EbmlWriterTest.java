package dev.hearth.relay.recording.webm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class EbmlWriterTest {

    @Test
    void sizesUseTheShortestVintAndAvoidTheReservedAllOnesValue() {
        assertArrayEquals(hex("81"), new EbmlWriter().size(1).toByteArray());
        assertArrayEquals(hex("407f"), new EbmlWriter().size(127).toByteArray(), "0x7F alone would mean unknown");
        assertArrayEquals(hex("4080"), new EbmlWriter().size(128).toByteArray());
        assertArrayEquals(hex("01ffffffffffffff"), new EbmlWriter().size(EbmlWriter.UNKNOWN_SIZE).toByteArray());
    }

    @Test
    void elementsCarryTheirIdSizeAndBigEndianValue() {
        assertArrayEquals(hex("2ad7b1830f4240"), new EbmlWriter().unsigned(0x2AD7B1, 1_000_000).toByteArray());
        assertArrayEquals(hex("4282847765626d"), new EbmlWriter().string(0x4282, "webm").toByteArray());
        assertArrayEquals(hex("4489884022000000000000"), new EbmlWriter().floating(0x4489, 9.0).toByteArray());
    }

    @Test
    void aStreamStartsWithTheEbmlMagicAndBlocksCarryTrackTimeAndKeyFlag() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebmMuxer muxer = new WebmMuxer(out);
        WebmTrack audio = WebmTrack.opus(1, "p audio", 2);
        muxer.writeHeader(List.of(audio), 20.0);
        muxer.writeBlock(audio, 0, true, new byte[] {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE}, 0, 3);
        muxer.finish();
        byte[] file = out.toByteArray();
        assertArrayEquals(hex("1a45dfa3"), java.util.Arrays.copyOf(file, 4));
        // SimpleBlock: id A3, size 7, track 1, relative time 0, key frame, the Opus frame.
        assertArrayEquals(hex("a387810000" + "80f8fffe"), java.util.Arrays.copyOfRange(file, file.length - 9,
                file.length));
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.length() % 2 == 0 ? text : "0" + text);
    }
}

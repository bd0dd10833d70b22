package dev.hearth.relay.rtcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random, truncated and bit-flipped compounds must never throw or read out of bounds. */
class RtcpFuzzTest {
    private static final byte[][] SEEDS = {
        SenderReportTest.SR, ReceiverReportTest.RR, SourceDescriptionTest.SDES, PictureLossIndicationTest.PLI,
        FullIntraRequestTest.FIR, GenericNackTest.NACK, ReceiverEstimatedMaxBitrateTest.REMB,
        TransportCcFeedbackTest.ONE_BIT_VECTOR, TransportCcFeedbackTest.TWO_BIT_VECTOR,
        Bytes.hex("82cb0003 01020304 05060708 03627965")};

    private final RtcpCompoundIterator iterator = new RtcpCompoundIterator();
    private int packets;

    @Test
    void mutatedCompoundsNeverThrow() {
        Random random = new Random(4585);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 20_000; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    out.writeBytes(SEEDS[random.nextInt(SEEDS.length)]);
                }
                byte[] bytes = out.toByteArray();
                for (int f = random.nextInt(4); f > 0; f--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                int length = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
                exercise(bytes, 0, length);
            }
        });
        assertTrue(packets > 10_000, "mutations should often stay parseable, got " + packets);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(5104);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] bytes = new byte[random.nextInt(100)];
                random.nextBytes(bytes);
                if (bytes.length >= 4) {
                    bytes[0] = (byte) (0x80 | (bytes[0] & 0x3F));
                    bytes[1] = (byte) (200 + random.nextInt(7));
                    bytes[2] = 0;
                    bytes[3] = (byte) random.nextInt(Math.max(1, bytes.length / 4));
                }
                int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                exercise(bytes, offset, bytes.length - offset);
                exercise(bytes, 0, bytes.length);
            }
        });
    }

    private void exercise(byte[] a, int off, int len) {
        iterator.wrap(a, off, len);
        while (iterator.next()) {
            packets++;
            int at = iterator.packetOffset();
            int n = iterator.packetLength();
            if (at + n > off + len) {
                throw new AssertionError("packet outside the datagram");
            }
            SenderReport.parse(a, at, n);
            ReceiverReport.parse(a, at, n);
            SourceDescription.parse(a, at, n);
            Goodbye.parse(a, at, n);
            PictureLossIndication.parse(a, at, n);
            FullIntraRequest.parse(a, at, n);
            FullIntraRequest.rewriteTarget(a, at, n, 2, 2);
            GenericNack.forEachSequenceNumber(a, at, n, sequence -> { });
            GenericNack nack = GenericNack.parse(a, at, n);
            if (nack != null) {
                nack.sequenceNumbers();
            }
            ReceiverEstimatedMaxBitrate.parse(a, at, n);
            TransportCcFeedback.parse(a, at, n);
        }
    }
}

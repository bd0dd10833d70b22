package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hearth.relay.rtcp.PacketReceipt;
import dev.hearth.relay.rtcp.TransportCcFeedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportCcRecorderTest {
    private final byte[] scratch = new byte[1500];
    private final List<TransportCcFeedback> sent = new ArrayList<>();
    private final TransportCcRecorder recorder = new TransportCcRecorder(0);

    private void flush() {
        recorder.flush(1, 2, scratch, length -> sent.add(
                TransportCcFeedback.parse(Arrays.copyOf(scratch, length), 0, length)));
    }

    @Test
    void lateArrivalsAfterTheirReportAreIgnoredAndTheNextReportStartsAfterIt() {
        recorder.record(10, 1_000_000);
        recorder.record(12, 3_000_000);
        flush();
        recorder.record(11, 4_000_000);
        recorder.record(13, 5_000_000);
        flush();

        assertEquals(2, sent.size());
        assertEquals(List.of(true, false, true), sent.get(0).receipts().stream().map(PacketReceipt::received).toList());
        assertEquals(13, sent.get(1).baseSequenceNumber());
        assertEquals(1, sent.get(1).receipts().size());
        assertEquals(1, sent.get(1).feedbackPacketCount());
    }

    @Test
    void aHugeJumpForgetsThePendingWindowInsteadOfReportingThousandsOfLosses() {
        recorder.record(1, 1_000_000);
        recorder.record(30_000, 2_000_000);
        flush();

        assertEquals(1, sent.size());
        assertEquals(30_000, sent.get(0).baseSequenceNumber());
        assertEquals(1, sent.get(0).receipts().size());
        assertFalse(recorder.hasPending());
    }

    @Test
    void manyPacketsSplitIntoSeveralFeedbackPacketsThatCoverEverySequence() {
        for (int i = 0; i < 1000; i++) {
            recorder.record(i, 1_000_000L + i * 1_000_000L * (i % 7));
        }
        flush();

        int covered = sent.stream().mapToInt(f -> f.receipts().size()).sum();
        assertEquals(1000, covered);
        assertEquals(0, sent.get(0).baseSequenceNumber());
    }
}

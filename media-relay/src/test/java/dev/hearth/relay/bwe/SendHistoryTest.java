package dev.hearth.relay.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendHistoryTest {
    private final SendHistory history = new SendHistory();

    @Test
    void findsPacketsAcrossTheSixteenBitWrap() {
        for (int i = 0; i < 20; i++) {
            history.sent(65_530 + i & 0xFFFF, 1_000L * i, 100 + i, i == 3 ? 7 : -1);
        }
        int beforeWrap = history.find(65_533);
        int afterWrap = history.find(4);
        assertEquals(3_000, history.sendTimeMicros(beforeWrap));
        assertEquals(7, history.probeCluster(beforeWrap));
        assertEquals(10_000, history.sendTimeMicros(afterWrap));
        assertEquals(110, history.size(afterWrap));
    }

    @Test
    void forgetsWhatTheRingHasOverwrittenAndNeverInventsUnsentPackets() {
        for (int i = 0; i < SendHistory.CAPACITY + 10; i++) {
            history.sent(i & 0xFFFF, i, 1200, -1);
        }
        assertEquals(-1, history.find(5));
        assertEquals(-1, history.find(SendHistory.CAPACITY + 10));
        assertEquals(SendHistory.CAPACITY + 9, history.sendTimeMicros(history.find(SendHistory.CAPACITY + 9)));
        assertEquals(-1, new SendHistory().find(0));
    }

    @Test
    void sequenceNumbersUnwrapForwardAndStepBackWhenLate() {
        SequenceUnwrapper u = new SequenceUnwrapper();
        assertEquals(65_535, u.unwrap(65_535));
        assertEquals(65_536, u.unwrap(0));
        assertEquals(65_534, u.unwrap(65_534));
        assertEquals(65_537, u.unwrap(1));
        assertEquals(65_537 + 32_767, u.peek(32_768 + 0));
    }
}

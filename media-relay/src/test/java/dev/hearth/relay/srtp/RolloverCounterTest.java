package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RolloverCounterTest {

    @Test
    void firstPacketStartsAtRolloverZero() {
        assertEquals(0xfffe, RolloverCounter.estimate(-1, 0xfffe));
    }

    @Test
    void smallSequenceAfterAHighOneBelongsToTheNextRollover() {
        long highest = (3L << 16) | 65500;

        assertEquals((4L << 16) | 10, RolloverCounter.estimate(highest, 10));
        assertEquals((3L << 16) | 65535, RolloverCounter.estimate(highest, 65535));
        assertEquals((3L << 16) | 40000, RolloverCounter.estimate(highest, 40000));
    }

    @Test
    void highSequenceAfterALowOneBelongsToThePreviousRollover() {
        long highest = (4L << 16) | 10;

        assertEquals((3L << 16) | 65530, RolloverCounter.estimate(highest, 65530));
        assertEquals((4L << 16) | 20000, RolloverCounter.estimate(highest, 20000));
    }

    @Test
    void aPacketFromBeforeRolloverZeroHasANegativeIndex() {
        assertTrue(RolloverCounter.estimate(5, 65000) < 0);
    }

    @Test
    void theLastRolloverRunsPastTheMaximumIndex() {
        long highest = (0xffffffffL << 16) | 65500;

        assertTrue(RolloverCounter.estimate(highest, 3) > RolloverCounter.MAX_INDEX);
    }
}

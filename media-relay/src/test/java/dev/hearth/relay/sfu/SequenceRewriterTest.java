package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceRewriterTest {

    @Test
    void firstPacketMapsToTheInitialValues() {
        SequenceRewriter r = new SequenceRewriter(1000, 5000);
        r.accept(1, 40000, 123456, 0, 90000);
        assertEquals(1000, r.sequence(40000));
        assertEquals(5000, r.timestamp(123456));
        assertEquals(40000, r.producerSequence(1000));
    }

    @Test
    void reorderedPacketsMapByTheSameOffsetAcrossWrapAround() {
        SequenceRewriter r = new SequenceRewriter(65534, 0xFFFF_FF00L);
        r.accept(1, 10, 0, 0, 90000);
        r.accept(1, 12, 6000, 0, 90000);
        r.accept(1, 11, 3000, 0, 90000);
        assertEquals(0, r.sequence(12));
        assertEquals(65535, r.sequence(11));
        assertEquals((0xFFFF_FF00L + 6000) & 0xFFFF_FFFFL, r.timestamp(6000));
    }

    @Test
    void aNewSourceContinuesWhereTheOldOneStoppedAndAdvancesTimeByThePause() {
        SequenceRewriter r = new SequenceRewriter(100, 1000);
        r.accept(1, 7, 0, 0, 90000);
        r.accept(1, 8, 3000, 0, 90000);
        assertTrue(r.isMapping(1));

        r.accept(2, 50000, 777, 2_000_000_000L, 90000);

        assertFalse(r.isMapping(1));
        assertEquals(102, r.sequence(50000));
        assertEquals(1000 + 3000 + 180000, r.timestamp(777));
    }

    @Test
    void serialComparisonHandlesWrap() {
        assertTrue(SequenceRewriter.isNewer(0, 65535));
        assertFalse(SequenceRewriter.isNewer(65535, 0));
        assertFalse(SequenceRewriter.isNewer(5, 5));
    }
}

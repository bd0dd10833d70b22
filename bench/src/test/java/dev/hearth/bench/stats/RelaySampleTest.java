package dev.hearth.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench reads the relay's loop split and in-relay latency from a scrape in the server's own format. */
class RelaySampleTest {

    private static String scrape(long loop0, long loop1, long le100us, long le1ms, long inf) {
        return """
                # HELP hearth_relay_loop_forwarded_total RTP packets forwarded by the rooms of a loop
                # TYPE hearth_relay_loop_forwarded_total counter
                hearth_relay_loop_forwarded_total{loop="0"} %d.0
                hearth_relay_loop_forwarded_total{loop="1"} %d.0
                hearth_relay_loop_routed_total{loop="0"} 5.0
                hearth_relay_transit_packets_total{le="0.0001",loop="0"} %d.0
                hearth_relay_transit_packets_total{le="0.001",loop="0"} %d.0
                hearth_relay_transit_packets_total{le="+Inf",loop="0"} %d.0
                hearth_relay_transit_packets_total{le="0.0001",loop="1"} 0.0
                hearth_relay_transit_packets_total{le="0.001",loop="1"} 0.0
                hearth_relay_transit_packets_total{le="+Inf",loop="1"} 0.0
                """.formatted(loop0, loop1, le100us, le1ms, inf);
    }

    @Test
    void aWindowsSplitAndQuantilesComeFromTheDifferenceOfTwoScrapes() {
        RelaySample before = RelaySample.parse(scrape(1000, 1000, 10, 10, 10));
        RelaySample after = RelaySample.parse(scrape(1510, 1490, 910, 1005, 1010));
        RelaySample window = after.since(before);

        assertEquals("51/49", window.loopSplit());
        assertEquals(0.1, window.quantileUpperBoundMillis(0.5), 1e-9, "900 of 1000 within 100 µs");
        assertEquals(1.0, window.quantileUpperBoundMillis(0.99), 1e-9, "995 of 1000 within 1 ms");
        assertEquals(Double.POSITIVE_INFINITY, window.quantileUpperBoundMillis(0.999), "5 beyond the last bound");
    }

    @Test
    void nothingTimedIsNotAQuantileAndAServerWithoutTheSeriesIsRefused() {
        RelaySample idle = RelaySample.parse(scrape(0, 0, 0, 0, 0));
        assertTrue(Double.isNaN(idle.since(idle).quantileUpperBoundMillis(0.99)));
        assertEquals("-", idle.since(idle).loopSplit());
        assertThrows(IllegalArgumentException.class, () -> RelaySample.parse("hearth_rooms 1.0\n"));
    }
}

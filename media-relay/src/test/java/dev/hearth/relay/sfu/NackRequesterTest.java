package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NackRequesterTest {
    private final NackRequester nacks = new NackRequester();

    @Test
    void aGapIsRequestedAtMostThreeTimesAndNotWhileTheRetryIntervalRuns() {
        nacks.onPacket(65534);
        nacks.onPacket(1);

        assertEquals(List.of(65535, 0), nacks.due(0));
        assertEquals(List.of(), nacks.due(10_000_000));
        assertEquals(List.of(65535, 0), nacks.due(50_000_000));
        assertEquals(List.of(65535, 0), nacks.due(100_000_000));
        assertEquals(List.of(), nacks.due(200_000_000));
        assertEquals(0, nacks.outstanding());
    }

    @Test
    void aLateArrivalIsNoLongerRequested() {
        nacks.onPacket(10);
        nacks.onPacket(13);
        nacks.onPacket(11);

        assertEquals(List.of(12), nacks.due(0));
    }

    @Test
    void aJumpIsNotLossAndTheListStaysBounded() {
        nacks.onPacket(0);
        nacks.onPacket(5000);
        assertEquals(0, nacks.outstanding());
        for (int s = 5002; s < 5300; s += 2) {
            nacks.onPacket(s);
        }
        assertEquals(NackRequester.MAX_MISSING, nacks.outstanding());
    }
}

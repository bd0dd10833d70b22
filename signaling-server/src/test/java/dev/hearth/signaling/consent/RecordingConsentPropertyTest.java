package dev.hearth.signaling.consent;

import dev.hearth.signaling.consent.ConsentHarness.Action;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long random histories (fixed seeds, so a failure is reproducible): 10 seeds × 500 sequences of up to 40
 * actions each. Most actions are plausible ones, a few are deliberately out of place.
 */
class RecordingConsentPropertyTest {

    static final int SEQUENCES_PER_SEED = 500;
    static final int MAX_LENGTH = 40;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void randomHistoriesKeepTheConsentInvariants(long seed) {
        Random random = new Random(seed);
        List<Action> actions = ConsentHarness.ALL_ACTIONS;
        for (int sequence = 0; sequence < SEQUENCES_PER_SEED; sequence++) {
            ConsentHarness harness = new ConsentHarness();
            int length = 1 + random.nextInt(MAX_LENGTH);
            for (int step = 0; step < length; step++) {
                harness.apply(actions.get(random.nextInt(actions.size())));
            }
        }
    }
}

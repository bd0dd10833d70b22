package dev.hearth.signaling.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.ConsentHarness.Action;
import dev.hearth.signaling.consent.ConsentHarness.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Breadth-first search over every sequence of up to {@value #DEPTH} actions (three people in the room and one
 * in the lobby). Sequences that reach the same {@link State} behave identically from then on, so each state is
 * expanded once, by replaying the shortest path to it (checked when first taken) and trying every action; the
 * harness checks the invariants after every new step.
 */
class RecordingConsentExplorationTest {

    static final int DEPTH = 7;

    @Test
    void everySequenceUpToDepthSevenKeepsTheConsentInvariants() {
        Map<State, List<Action>> pathTo = new HashMap<>();
        Deque<List<Action>> frontier = new ArrayDeque<>();
        ConsentHarness start = new ConsentHarness();
        pathTo.put(start.state(), List.of());
        frontier.add(List.of());
        Set<RecordingState> seen = EnumSet.noneOf(RecordingState.class);
        int transitions = 0;
        while (!frontier.isEmpty()) {
            List<Action> path = frontier.poll();
            ConsentHarness harness = replay(path);
            for (Action next : ConsentHarness.ALL_ACTIONS) {
                boolean accepted = harness.apply(next);
                transitions++;
                State reached = harness.state();
                if (accepted) {
                    // A refused action left the harness as it was; an accepted one needs a fresh copy.
                    harness = replay(path);
                }
                seen.add(reached.recording());
                if (!pathTo.containsKey(reached)) {
                    List<Action> longer = new ArrayList<>(path);
                    longer.add(next);
                    pathTo.put(reached, longer);
                    if (longer.size() < DEPTH) {
                        frontier.add(longer);
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(RecordingState.class), seen, "exploration must reach every state");
        assertTrue(pathTo.size() > 1_000, "explored only " + pathTo.size() + " states");
        assertTrue(transitions > 30_000, "explored only " + transitions + " transitions");
    }

    private static ConsentHarness replay(List<Action> path) {
        ConsentHarness harness = new ConsentHarness();
        path.forEach(harness::replay);
        return harness;
    }
}

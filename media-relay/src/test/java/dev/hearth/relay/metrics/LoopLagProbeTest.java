package dev.hearth.relay.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The loop lag probe on a hand-driven clock and scheduler: lag is how much later than asked a task ran. */
class LoopLagProbeTest {

    private static final Duration PERIOD = Duration.ofMillis(250);

    private long now = 1_000_000_000L;
    private final List<long[]> observed = new ArrayList<>();

    /** A loop that only queues what it is asked to run, so the test decides when it runs. */
    private static final class HandLoop implements LoopLagProbe.Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();
        final List<CompletableFuture<Void>> futures = new ArrayList<>();

        @Override
        public Future<?> schedule(Runnable task, long delay, TimeUnit unit) {
            tasks.add(task);
            delays.add(unit.toNanos(delay));
            CompletableFuture<Void> future = new CompletableFuture<>();
            futures.add(future);
            return future;
        }

        void runLatest() {
            tasks.get(tasks.size() - 1).run();
        }
    }

    private LoopLagProbe probe(List<LoopLagProbe.Scheduler> loops) {
        return new LoopLagProbe(loops, PERIOD, () -> now, (loop, lag) -> observed.add(new long[] {loop, lag}));
    }

    @Test
    void lagIsTheDelayPastTheScheduledTime() {
        HandLoop loop = new HandLoop();
        LoopLagProbe probe = probe(List.of(loop));
        probe.start();
        assertEquals(List.of(PERIOD.toNanos()), loop.delays);

        now += PERIOD.toNanos() + 7_000_000;
        loop.runLatest();
        now += PERIOD.toNanos();
        loop.runLatest();

        assertEquals(2, observed.size());
        assertEquals(7_000_000, observed.get(0)[1]);
        assertEquals(0, observed.get(1)[1], "the next period starts from when the task ran, not when it was due");
        assertEquals(3, loop.tasks.size(), "each measurement schedules the next");
    }

    @Test
    void eachLoopIsMeasuredUnderItsOwnIndex() {
        HandLoop first = new HandLoop();
        HandLoop second = new HandLoop();
        probe(List.of(first, second)).start();

        now += PERIOD.toNanos() + 3_000_000;
        second.runLatest();

        assertEquals(1, observed.size());
        assertEquals(1, observed.get(0)[0]);
        assertEquals(3_000_000, observed.get(0)[1]);
    }

    @Test
    void closingStopsMeasuringAndCancelsThePendingTask() {
        HandLoop loop = new HandLoop();
        LoopLagProbe probe = probe(List.of(loop));
        probe.start();

        probe.close();
        now += PERIOD.toNanos();
        loop.runLatest();

        assertTrue(observed.isEmpty());
        assertTrue(loop.futures.get(0).isCancelled());
        assertEquals(1, loop.tasks.size());
    }
}

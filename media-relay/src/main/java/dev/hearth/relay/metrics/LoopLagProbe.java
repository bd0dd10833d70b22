package dev.hearth.relay.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures how late each packet event loop runs work it was asked to run at a given time: a task scheduled
 * {@code period} ahead notes how much later than that it actually started, then schedules the next one. A loop
 * busy with packets (or blocked by a bug) shows as lag long before packets are lost. Costs one task per loop per
 * period, nothing on the packet path; the observer is called on the loop it measures and must not block.
 */
public final class LoopLagProbe implements AutoCloseable {

    /** Where the probe's tasks run: an event loop's {@code schedule}. */
    @FunctionalInterface
    public interface Scheduler {
        Future<?> schedule(Runnable task, long delay, TimeUnit unit);
    }

    /** Told each measurement: which loop (its index), and by how many nanoseconds its task started late. */
    @FunctionalInterface
    public interface Observer {
        void observed(int loop, long lagNanos);
    }

    private final List<Scheduler> loops;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Observer observer;
    private final List<Future<?>> pending;
    private volatile boolean closed;

    public LoopLagProbe(List<Scheduler> loops, Duration period, LongSupplier nanoTime, Observer observer) {
        this.loops = List.copyOf(loops);
        this.periodNanos = period.toNanos();
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("the period must be positive");
        }
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.pending = new ArrayList<>(loops.size());
        for (int i = 0; i < this.loops.size(); i++) {
            pending.add(null);
        }
    }

    /** Schedules the first measurement on every loop. */
    public void start() {
        for (int i = 0; i < loops.size(); i++) {
            scheduleNext(i);
        }
    }

    private void scheduleNext(int loop) {
        if (closed) {
            return;
        }
        long due = nanoTime.getAsLong() + periodNanos;
        try {
            Future<?> next = loops.get(loop).schedule(() -> measure(loop, due), periodNanos, TimeUnit.NANOSECONDS);
            synchronized (pending) {
                pending.set(loop, next);
            }
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: nothing left to measure.
        }
    }

    private void measure(int loop, long due) {
        if (closed) {
            return;
        }
        observer.observed(loop, Math.max(0, nanoTime.getAsLong() - due));
        scheduleNext(loop);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            for (Future<?> future : pending) {
                if (future != null) {
                    future.cancel(false);
                }
            }
        }
    }
}

package dev.hearth.signaling.serial;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.room.RoomId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per room: every command on a room runs in that room's <em>turn</em>, one at a time and in the order
 * it was handed in, on a thread of one shared pool; different rooms take their turns in parallel (the room
 * goroutine of LiveKit, the worker of mediasoup, on Java 17 threads). A room's queue exists only while it has work:
 * the turn that finds it empty drops it, so nothing stays behind for a room that has ended or was deleted.
 *
 * <p>Callers on HTTP and WebSocket threads {@link #call} and wait for the result, at most the bound given here; a
 * room still busy then answers {@code unavailable} instead of holding the caller. A command already in the room's
 * turn that calls into the same room runs inline. One room's turn never waits for another's: that is how pool
 * threads would end up waiting on each other, so it is refused as a programming error. Timers and relay callbacks
 * {@link #execute} without waiting.
 */
public final class RoomTurns implements AutoCloseable {

    /** Commands waiting for one room beyond this are refused at once, so a flood cannot grow the queue. */
    public static final int MAX_WAITING = 256;
    /** A busy room hands its thread back after this many commands, so other rooms are not starved. */
    private static final int BATCH = 16;
    private static final Logger log = LoggerFactory.getLogger(RoomTurns.class);

    private final ThreadPoolExecutor pool;
    private final Duration bound;
    /** Only touched inside the map's atomic compute calls, which guard each queue's fields. */
    private final ConcurrentHashMap<RoomId, Queue> queues = new ConcurrentHashMap<>();
    /** The room whose turn the current thread is running, if any. */
    private final ThreadLocal<RoomId> current = new ThreadLocal<>();

    /** {@code threads}: shared by all rooms; commands block on relay round-trips and fsyncs, so more than cores. */
    public RoomTurns(int threads, Duration bound) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.bound = Objects.requireNonNull(bound, "bound");
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "hearth-room-turn-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs {@code command} in the room's turn and returns its result or rethrows its exception.
     *
     * @throws HearthException {@code unavailable} when the room's turn did not come (or finish) within the bound;
     *                         if it had not started, it never will
     */
    public <T> T call(RoomId room, Supplier<T> command) {
        RoomId running = current.get();
        if (room.equals(running)) {
            return command.get();
        }
        if (running != null) {
            throw new IllegalStateException("a room's turn must not wait for another room's turn");
        }
        Task<T> task = new Task<>(command, true);
        enqueue(room, task, true);
        return task.await(bound);
    }

    /** {@link #call} for commands without a result. */
    public void run(RoomId room, Runnable command) {
        call(room, () -> {
            command.run();
            return null;
        });
    }

    /**
     * Hands {@code command} to the room's turn without waiting (also from within that turn: it then runs after the
     * current command). Never refused for a full queue: these are the server's own follow-ups (a dropped
     * connection, an expired grace period), not requests. A failure is logged.
     */
    public void execute(RoomId room, Runnable command) {
        enqueue(room, new Task<>(() -> {
            command.run();
            return null;
        }, false), false);
    }

    /** Whether the current thread runs this room's turn. */
    public boolean inTurnOf(RoomId room) {
        return room.equals(current.get());
    }

    /** How many rooms have work queued or running (idle rooms have no queue). */
    public int busyRooms() {
        return queues.size();
    }

    /** Lets queued work finish (up to the bound), then stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private void enqueue(RoomId room, Task<?> task, boolean refuseWhenFull) {
        boolean[] start = new boolean[1];
        boolean[] full = new boolean[1];
        queues.compute(Objects.requireNonNull(room, "room"), (id, existing) -> {
            Queue queue = existing == null ? new Queue() : existing;
            if (refuseWhenFull && queue.tasks.size() >= MAX_WAITING) {
                full[0] = true;
                return existing;
            }
            queue.tasks.add(task);
            if (!queue.scheduled) {
                queue.scheduled = true;
                start[0] = true;
            }
            return queue;
        });
        if (full[0]) {
            throw busy();
        }
        if (start[0]) {
            schedule(room);
        }
    }

    private void schedule(RoomId room) {
        try {
            pool.execute(() -> takeTurn(room));
        } catch (RejectedExecutionException e) {
            // Shutting down: whatever waits for this room is told so instead of waiting for the bound.
            queues.remove(room);
            throw new HearthException(ErrorCode.UNAVAILABLE, "The server is shutting down.");
        }
    }

    private void takeTurn(RoomId room) {
        current.set(room);
        try {
            for (int i = 0; i < BATCH; i++) {
                Task<?> next = next(room);
                if (next == null) {
                    return;
                }
                next.run();
            }
            // The room keeps its queue and its order; it just goes to the back of the line for a thread.
            schedule(room);
        } catch (HearthException shuttingDown) {
            log.debug("room turn stopped: the pool is shutting down");
        } finally {
            current.remove();
        }
    }

    /** The room's next command, or none: then its queue is dropped in the same atomic step. */
    private Task<?> next(RoomId room) {
        Object[] next = new Object[1];
        queues.computeIfPresent(room, (id, queue) -> {
            next[0] = queue.tasks.poll();
            return next[0] == null ? null : queue;
        });
        return (Task<?>) next[0];
    }

    private static HearthException busy() {
        return new HearthException(ErrorCode.UNAVAILABLE, "The room is busy, try again.");
    }

    private static final class Queue {
        final ArrayDeque<Task<?>> tasks = new ArrayDeque<>();
        /** A turn is running or on its way for this room. */
        boolean scheduled;
    }

    private static final class Task<T> {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int ABANDONED = 2;

        private final Supplier<T> work;
        private final boolean awaited;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        Task(Supplier<T> work, boolean awaited) {
            this.work = work;
            this.awaited = awaited;
        }

        void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
                if (!awaited) {
                    log.warn("room.turn-failed error={}", t.getClass().getSimpleName(), t);
                }
            } finally {
                done.countDown();
            }
        }

        T await(Duration bound) {
            boolean finished;
            try {
                finished = done.await(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                if (state.compareAndSet(WAITING, ABANDONED)) {
                    throw busy();
                }
                throw new HearthException(ErrorCode.UNAVAILABLE,
                        "The room is taking long over this; it will show whether it happened.");
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }
}

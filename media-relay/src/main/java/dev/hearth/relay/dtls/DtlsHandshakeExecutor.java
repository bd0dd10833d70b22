package dev.hearth.relay.dtls;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the relay lends to BouncyCastle's blocking DTLS handshakes, so Netty's event loop never waits
 * on one. Shared by every session of a relay process.
 *
 * <p>Bounded on both sides: a handshake holds a thread for a few round trips (up to the handshake timeout for
 * a silent client), so the pool size caps how many run at once, and the queue caps how many wait; beyond that
 * a new session fails at once with {@link DtlsFailure#BUSY} instead of piling up. Established sessions hold no
 * thread. Idle threads exit, so a quiet relay keeps none.
 */
public final class DtlsHandshakeExecutor implements AutoCloseable {

    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_QUEUE_CAPACITY = 256;

    private static final long IDLE_THREAD_SECONDS = 30;

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    public DtlsHandshakeExecutor(int threads, int queueCapacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one DTLS thread is needed");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1");
        }
        workers = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemonThreads("hearth-dtls-"));
        workers.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, daemonThreads("hearth-dtls-timer-"));
        // Most handshakes finish long before their timeout; drop cancelled timeouts instead of keeping them.
        timer.setRemoveOnCancelPolicy(true);
    }

    public static DtlsHandshakeExecutor create() {
        return new DtlsHandshakeExecutor(DEFAULT_THREADS, DEFAULT_QUEUE_CAPACITY);
    }

    /** Threads currently running a handshake or a post-handshake read; for metrics and tests. */
    public int busyThreads() {
        return workers.getActiveCount();
    }

    /**
     * Stops every handshake in progress (their blocked reads are interrupted) and all pending timeouts. For
     * relay shutdown: close the sessions first, since a handshake still queued here is discarded and its
     * future then never completes.
     */
    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    void execute(Runnable task) throws RejectedExecutionException {
        workers.execute(task);
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) throws RejectedExecutionException {
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

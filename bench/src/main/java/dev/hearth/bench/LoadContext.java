package dev.hearth.bench;

import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.net.ReceiveLoop;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every synthetic participant of a run shares: the media clips, a few receive threads, the pacing threads
 * that send every stream's frames on time, timers (consent, pings) and a pool for blocking set-up work (ICE and
 * DTLS handshakes, signaling round trips).
 */
public final class LoadContext implements AutoCloseable {

    private final Map<MediaClip.Kind, MediaClip> clips;
    private final InetAddress localAddress;
    private final ReceiveLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger nextParticipant = new AtomicInteger();
    private final ScheduledExecutorService pacer;
    private final ScheduledExecutorService timers;
    private final ExecutorService setup;
    /**
     * Handshakes under way at once. A room of 8 opens 16 transports together; with every handshake at once on a
     * loaded machine some outlast the relay's 10 s DTLS handshake timeout, and one failed transport ends the run.
     */
    private final Semaphore handshakes = new Semaphore(4, true);

    public LoadContext(Map<MediaClip.Kind, MediaClip> clips, InetAddress localAddress, int receiveThreads,
            int pacerThreads) {
        this.clips = Map.copyOf(clips);
        this.localAddress = localAddress;
        this.loops = new ReceiveLoop[receiveThreads];
        for (int i = 0; i < receiveThreads; i++) {
            loops[i] = new ReceiveLoop("bench-receive-" + i);
        }
        ScheduledThreadPoolExecutor p = new ScheduledThreadPoolExecutor(pacerThreads, daemons("bench-pacer-"));
        p.setRemoveOnCancelPolicy(true);
        this.pacer = p;
        this.timers = Executors.newSingleThreadScheduledExecutor(daemons("bench-timer-"));
        this.setup = Executors.newCachedThreadPool(daemons("bench-setup-"));
    }

    public MediaClip clip(MediaClip.Kind kind) {
        return clips.get(kind);
    }

    public Map<MediaClip.Kind, MediaClip> clips() {
        return clips;
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    /** Receive threads are handed out round robin, one per transport. */
    public ReceiveLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    public int newParticipantNumber() {
        return nextParticipant.getAndIncrement();
    }

    /** Blocking connection work (ICE and DTLS), a few at a time. */
    public interface Connect {
        void run() throws IOException;
    }

    public void handshake(Connect connect) throws IOException {
        try {
            handshakes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted before the handshake", e);
        }
        try {
            connect.run();
        } finally {
            handshakes.release();
        }
    }

    public ScheduledExecutorService pacer() {
        return pacer;
    }

    public ScheduledExecutorService timers() {
        return timers;
    }

    public ExecutorService setup() {
        return setup;
    }

    static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        timers.shutdownNow();
        setup.shutdownNow();
        for (ReceiveLoop loop : loops) {
            loop.close();
        }
    }
}

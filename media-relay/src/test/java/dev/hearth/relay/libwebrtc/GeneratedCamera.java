package dev.hearth.relay.libwebrtc;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A camera for libwebrtc test peers: pictures from a {@link FramePainter} (by default a moving gradient) pushed
 * through a {@link CustomVideoSource}, so the VP8 encoder has real, changing pictures to code.
 */
public final class GeneratedCamera implements AutoCloseable {

    private final CustomVideoSource source = new CustomVideoSource();
    private final ScheduledExecutorService clock;
    private final int width;
    private final int height;
    private final FramePainter painter;
    /** Frames pushed so far; touched only by the clock's thread. */
    private int framesPushed;

    /**
     * @param threadName the name of the camera's one thread, so a test can tell whose it is and that it ended
     */
    public GeneratedCamera(String threadName, int width, int height, FramePainter painter) {
        this.width = width;
        this.height = height;
        this.painter = painter;
        this.clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A moving gradient of the given size; the seed makes each camera's picture different. */
    public GeneratedCamera(String name, int width, int height, int seed) {
        this("camera-" + name, width, height, FramePainter.gradient(seed));
    }

    /** 320x240, the size the relay tests use: cheap to encode on two busy cores. */
    public GeneratedCamera(String name, int seed) {
        this(name, 320, 240, seed);
    }

    public CustomVideoSource source() {
        return source;
    }

    /** Starts pushing frames at {@code fps}; a late tick pushes its frame late. */
    public void start(int fps) {
        clock.scheduleAtFixedRate(this::pushFrame, 0, 1000 / fps, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts pushing frames at {@code fps} with a capture clock's steady cadence. CustomVideoSource stamps a frame
     * with the time it is pushed, so a tick that runs late (a stalled, loaded machine) is dropped, as a camera
     * drops a frame nobody collected, rather than pushed in a catch-up burst 1 ms after the one before.
     */
    public void startSteady(int fps) {
        long periodNanos = 1_000_000_000L / fps;
        // The cadence starts at the first tick itself: an epoch read before scheduling would make every tick look
        // late by however long the first one took to start (a cold JVM's first lambda and thread), and drop them all.
        clock.execute(() -> tickSteady(System.nanoTime(), periodNanos));
    }

    private void tickSteady(long due, long periodNanos) {
        // Within a quarter period, push times stay nearer their own tick than the next.
        long lateNanos = periodNanos / 4;
        long now = System.nanoTime();
        if (now - due <= lateNanos) {
            pushFrame();
        }
        long next = due + periodNanos;
        if (now - next > lateNanos) {
            // A stall of more than a period: the ticks it missed are skipped, not pushed in a burst.
            next += ((now - next) / periodNanos + 1) * periodNanos;
        }
        long following = next;
        try {
            clock.schedule(() -> tickSteady(following, periodNanos), Math.max(0, next - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stop() shut the clock down: the camera is off.
        }
    }

    private void pushFrame() {
        if (!painter.canPaint(framesPushed)) {
            return;
        }
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        long now = System.nanoTime();
        painter.paint(buffer, framesPushed++, now);
        VideoFrame frame = new VideoFrame(buffer, now);
        source.pushFrame(frame);
        frame.release();
    }

    /** Stops the frames; the source stays valid (close the peer connection using it before {@link #close}). */
    public void stop() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Stops the frames, then frees the native source. */
    @Override
    public void close() throws InterruptedException {
        stop();
        source.dispose();
    }
}

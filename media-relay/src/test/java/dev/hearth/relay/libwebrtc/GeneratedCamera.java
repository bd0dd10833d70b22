package dev.hearth.relay.libwebrtc;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A camera for libwebrtc test peers: a moving gradient pushed through a {@link CustomVideoSource}, so the VP8
 * encoder has real, changing pictures to code. The seed makes each peer's picture different.
 */
public final class GeneratedCamera implements AutoCloseable {

    private final CustomVideoSource source = new CustomVideoSource();
    private final ScheduledExecutorService clock;
    private final int width;
    private final int height;
    private final int seed;
    private int frameNumber;

    public GeneratedCamera(String name, int width, int height, int seed) {
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "camera-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** 320x240, the size the relay tests use: cheap to encode on two busy cores. */
    public GeneratedCamera(String name, int seed) {
        this(name, 320, 240, seed);
    }

    public CustomVideoSource source() {
        return source;
    }

    /** Starts pushing frames at {@code fps}. */
    public void start(int fps) {
        clock.scheduleAtFixedRate(this::pushFrame, 0, 1000 / fps, TimeUnit.MILLISECONDS);
    }

    private void pushFrame() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        int shift = frameNumber++ + seed * 50;
        paint(buffer.getDataY(), buffer.getStrideY(), width, height, shift);
        paint(buffer.getDataU(), buffer.getStrideU(), (width + 1) / 2, (height + 1) / 2, seed * 60);
        paint(buffer.getDataV(), buffer.getStrideV(), (width + 1) / 2, (height + 1) / 2, shift / 2);
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        source.pushFrame(frame);
        frame.release();
    }

    private static void paint(ByteBuffer plane, int stride, int width, int height, int shift) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                plane.put(y * stride + x, (byte) (x / 2 + y + shift));
            }
        }
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

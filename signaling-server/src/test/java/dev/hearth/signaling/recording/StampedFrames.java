package dev.hearth.signaling.recording;

import dev.hearth.relay.libwebrtc.FramePainter;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A camera's pictures that draw each frame's number ({@link FrameStamp}) and remember when each frame was filmed,
 * so a frame decoded from an export says when it was filmed: that is how the end-to-end test proves nothing
 * filmed while the recording was paused reached the file.
 */
final class StampedFrames implements FramePainter {

    /** {@link System#nanoTime()} at which each frame number was filmed. */
    private final AtomicLongArray filmedAt = new AtomicLongArray(FrameStamp.MODULUS);
    private final AtomicInteger filmed = new AtomicInteger();

    @Override
    public void paint(NativeI420Buffer frame, int number, long capturedNanos) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        FrameStamp.paint(frame.getDataY(), frame.getStrideY(), width, height, number);
        FrameStamp.paintNeutral(frame.getDataU(), frame.getStrideU(), (width + 1) / 2, (height + 1) / 2);
        FrameStamp.paintNeutral(frame.getDataV(), frame.getStrideV(), (width + 1) / 2, (height + 1) / 2);
        filmedAt.set(number, capturedNanos);
        filmed.incrementAndGet();
    }

    /** The stamp would wrap and stop naming one instant; no test call lasts this long. */
    @Override
    public boolean canPaint(int number) {
        return number < FrameStamp.MODULUS;
    }

    /** When frame {@code number} was pushed ({@link System#nanoTime()}), or 0 if it never was. */
    long pushedAt(int number) {
        return number >= 0 && number < FrameStamp.MODULUS ? filmedAt.get(number) : 0;
    }

    /** Frames pushed so far whose push time lies in {@code [fromNanos, toNanos)}. */
    int framesPushedBetween(long fromNanos, long toNanos) {
        int count = 0;
        for (int i = 0; i < Math.min(filmed.get(), FrameStamp.MODULUS); i++) {
            long at = filmedAt.get(i);
            if (at >= fromNanos && at < toNanos) {
                count++;
            }
        }
        return count;
    }

    int framesPushed() {
        return filmed.get();
    }
}

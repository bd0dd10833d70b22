package dev.hearth.relay.libwebrtc;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.nio.ByteBuffer;

/** What a {@link GeneratedCamera} films: the picture of each frame, drawn into a fresh I420 buffer. */
@FunctionalInterface
public interface FramePainter {

    /**
     * Paints frame {@code number} (0, 1, 2, ... counting only frames actually pushed) into {@code frame}.
     *
     * @param capturedNanos the {@link System#nanoTime()} the frame will carry as its capture time
     */
    void paint(NativeI420Buffer frame, int number, long capturedNanos);

    /** Whether frame {@code number} can be painted; the camera pushes no more frames once one cannot. */
    default boolean canPaint(int number) {
        return true;
    }

    /**
     * A moving gradient: enough change from frame to frame for VP8 to code real pictures. The seed makes one
     * camera's picture differ from another's.
     */
    static FramePainter gradient(int seed) {
        return (frame, number, capturedNanos) -> {
            int width = frame.getWidth();
            int height = frame.getHeight();
            int shift = number + seed * 50;
            fill(frame.getDataY(), frame.getStrideY(), width, height, shift);
            fill(frame.getDataU(), frame.getStrideU(), (width + 1) / 2, (height + 1) / 2, seed * 60);
            fill(frame.getDataV(), frame.getStrideV(), (width + 1) / 2, (height + 1) / 2, shift / 2);
        };
    }

    /**
     * This picture with sensor-like grain on its luma, different in every frame, so the encoder needs (and
     * uses) the bitrate it is given: a clean gradient compresses to almost nothing.
     */
    default FramePainter withGrain() {
        FramePainter picture = this;
        return new FramePainter() {
            /** xorshift state; touched only by the camera's thread. */
            private long grain = 0x9E37_79B9_7F4A_7C15L;

            @Override
            public void paint(NativeI420Buffer frame, int number, long capturedNanos) {
                picture.paint(frame, number, capturedNanos);
                grain = addGrain(frame.getDataY(), frame.getStrideY(), frame.getWidth(), frame.getHeight(), grain);
            }

            @Override
            public boolean canPaint(int number) {
                return picture.canPaint(number);
            }
        };
    }

    private static void fill(ByteBuffer plane, int stride, int width, int height, int shift) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                plane.put(y * stride + x, (byte) (x / 2 + y + shift));
            }
        }
    }

    /** Low-amplitude noise (4 bits per pixel) added to a plane; returns the generator's next state. */
    private static long addGrain(ByteBuffer plane, int stride, int width, int height, long seed) {
        long state = seed;
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                if ((x & 15) == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                int noise = (int) (state >>> ((x & 15) << 2)) & 0x0F;
                plane.put(row + x, (byte) (plane.get(row + x) + noise));
            }
        }
        return state;
    }
}

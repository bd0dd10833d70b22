package dev.hearth.signaling.recording;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * A frame number drawn into the picture as a grid of black and white cells, so that a frame decoded from an
 * exported recording tells which frame the camera generated. Big flat cells survive VP8 at any bitrate and any
 * downscaling libwebrtc applies under load; the number is written twice (plain and inverted) so a cell misread
 * by the encoder's blur is a detected misread, never a wrong number.
 */
final class FrameStamp {

    /** Frame numbers wrap at this; at 20 fps that is over three minutes, far more than one test call. */
    static final int MODULUS = 1 << 12;
    private static final int BITS = 12;
    private static final int COLUMNS = 6;
    private static final int ROWS = 4;
    private static final byte BLACK = 16;
    private static final byte WHITE = (byte) 235;
    private static final int THRESHOLD = 126;
    /** Cells read nearer the middle than this fraction of their size stay clear of the encoder's edge ringing. */
    private static final double SAMPLE_FRACTION = 0.4;

    private FrameStamp() {
    }

    /** Paints {@code frameNumber} over the whole luma plane of a {@code width x height} picture. */
    static void paint(ByteBuffer luma, int stride, int width, int height, int frameNumber) {
        int code = encode(frameNumber);
        for (int y = 0; y < height; y++) {
            int row = Math.min(ROWS - 1, y * ROWS / height);
            for (int x = 0; x < width; x++) {
                int column = Math.min(COLUMNS - 1, x * COLUMNS / width);
                boolean set = (code >>> (row * COLUMNS + column) & 1) == 1;
                luma.put(y * stride + x, set ? WHITE : BLACK);
            }
        }
    }

    /** Paints a chroma plane neutral grey, so the picture is pure luma. */
    static void paintNeutral(ByteBuffer chroma, int stride, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                chroma.put(y * stride + x, (byte) 128);
            }
        }
    }

    /**
     * Reads the frame number from a decoded 8-bit grey picture ({@code width x height}, no padding), or empty
     * when a cell is ambiguous or the two copies of the number disagree.
     */
    static OptionalInt read(byte[] grey, int offset, int width, int height) {
        int code = 0;
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                int level = cellLevel(grey, offset, width, height, row, column);
                if (Math.abs(level - THRESHOLD) < 40) {
                    return OptionalInt.empty();
                }
                if (level > THRESHOLD) {
                    code |= 1 << (row * COLUMNS + column);
                }
            }
        }
        int number = code & (MODULUS - 1);
        int check = code >>> BITS;
        return check == (~number & (MODULUS - 1)) ? OptionalInt.of(number) : OptionalInt.empty();
    }

    private static int encode(int frameNumber) {
        int number = Math.floorMod(frameNumber, MODULUS);
        return number | (~number & (MODULUS - 1)) << BITS;
    }

    private static int cellLevel(byte[] grey, int offset, int width, int height, int row, int column) {
        double cellWidth = (double) width / COLUMNS;
        double cellHeight = (double) height / ROWS;
        int x0 = (int) Math.ceil(column * cellWidth + cellWidth * (1 - SAMPLE_FRACTION) / 2);
        int x1 = (int) Math.floor(column * cellWidth + cellWidth * (1 + SAMPLE_FRACTION) / 2);
        int y0 = (int) Math.ceil(row * cellHeight + cellHeight * (1 - SAMPLE_FRACTION) / 2);
        int y1 = (int) Math.floor(row * cellHeight + cellHeight * (1 + SAMPLE_FRACTION) / 2);
        long sum = 0;
        int count = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                sum += grey[offset + y * width + x] & 0xff;
                count++;
            }
        }
        return (int) (sum / count);
    }
}

package dev.hearth.signaling.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FrameStampTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    @Test
    void paintedNumberReadsBack() {
        for (int number : new int[] {0, 1, 2, 777, 1234, FrameStamp.MODULUS - 1}) {
            assertThat(FrameStamp.read(painted(number, WIDTH, HEIGHT), 0, WIDTH, HEIGHT)).hasValue(number);
        }
    }

    @Test
    void numberReadsBackFromAPictureScaledDown() {
        byte[] full = painted(1234, WIDTH, HEIGHT);
        int width = WIDTH * 3 / 4;
        int height = HEIGHT * 3 / 4;
        byte[] scaled = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                scaled[y * width + x] = full[(y * HEIGHT / height) * WIDTH + x * WIDTH / width];
            }
        }
        assertThat(FrameStamp.read(scaled, 0, width, height)).hasValue(1234);
    }

    @Test
    void numberReadsBackAtAnOffsetInAStreamOfFrames() {
        byte[] two = new byte[2 * WIDTH * HEIGHT];
        System.arraycopy(painted(5, WIDTH, HEIGHT), 0, two, 0, WIDTH * HEIGHT);
        System.arraycopy(painted(6, WIDTH, HEIGHT), 0, two, WIDTH * HEIGHT, WIDTH * HEIGHT);
        assertThat(FrameStamp.read(two, WIDTH * HEIGHT, WIDTH, HEIGHT)).hasValue(6);
    }

    @Test
    void flippedCellIsAMisreadNotAnotherNumber() {
        byte[] picture = painted(1234, WIDTH, HEIGHT);
        // Invert the first cell (top left): its copy in the check half no longer agrees.
        for (int y = 0; y < HEIGHT / 4; y++) {
            for (int x = 0; x < WIDTH / 6; x++) {
                picture[y * WIDTH + x] = (byte) (251 - (picture[y * WIDTH + x] & 0xff));
            }
        }
        assertThat(FrameStamp.read(picture, 0, WIDTH, HEIGHT)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void greyPictureHasNoStamp() {
        byte[] grey = new byte[WIDTH * HEIGHT];
        Arrays.fill(grey, (byte) 128);
        assertThat(FrameStamp.read(grey, 0, WIDTH, HEIGHT)).isEmpty();
    }

    private static byte[] painted(int number, int width, int height) {
        ByteBuffer luma = ByteBuffer.allocate(width * height);
        FrameStamp.paint(luma, width, width, height, number);
        return luma.array();
    }
}

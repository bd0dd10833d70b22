package dev.hearth.bench.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The frames of an IVF file (what ffmpeg's {@code -f ivf} writes around VP8): a 32-byte header, then frames. */
public final class IvfReader {

    private IvfReader() {
    }

    public static List<byte[]> frames(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 32 || in.getInt(0) != 0x46494B44) { // "DKIF"
            throw new IOException(file + " is not an IVF file");
        }
        int headerLength = in.getShort(6) & 0xFFFF;
        in.position(headerLength);
        List<byte[]> frames = new ArrayList<>();
        while (in.remaining() >= 12) {
            int size = in.getInt();
            in.getLong(); // presentation time: the sender paces frames itself
            if (size < 0 || size > in.remaining()) {
                throw new IOException(file + ": truncated frame");
            }
            byte[] frame = new byte[size];
            in.get(frame);
            frames.add(frame);
        }
        return frames;
    }
}

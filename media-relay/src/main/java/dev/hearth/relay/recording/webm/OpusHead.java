package dev.hearth.relay.recording.webm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The Opus identification header (RFC 7845 section 5.1), which Matroska carries as the track's CodecPrivate. */
public final class OpusHead {
    /** RTP Opus starts without encoder look-ahead to skip; a pre-skip of 0 keeps audio and video aligned. */
    static final int PRE_SKIP = 0;

    private OpusHead() {
    }

    public static byte[] of(int channels) {
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("mapping family 0 carries one or two channels");
        }
        return ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) channels)
                .putShort((short) PRE_SKIP)
                .putInt(48_000)
                .putShort((short) 0)
                .put((byte) 0)
                .array();
    }
}

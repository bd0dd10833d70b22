package dev.hearth.relay.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

/**
 * The plaintext start of a data file, so a recording can be identified without its key. It is not secret but it is
 * authenticated: its SHA-256 is part of every chunk's associated data, so changing any header byte fails every
 * chunk.
 *
 * @param noncePrefix random per recording; chunk nonces are this prefix followed by the chunk index
 */
record RecordingHeader(String recordingId, String roomId, String keyId, Instant startedAt, byte[] noncePrefix) {
    static final byte[] MAGIC = {'H', 'E', 'A', 'R', 'T', 'H', 'R', 'C'};
    static final int VERSION = 1;
    static final int NONCE_PREFIX_BYTES = 4;
    /** Ids are short; anything longer is not a header this code wrote. */
    static final int MAX_BYTES = 1024;

    byte[] encode() {
        byte[] id = recordingId.getBytes(StandardCharsets.UTF_8);
        byte[] room = roomId.getBytes(StandardCharsets.UTF_8);
        byte[] key = keyId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + 6 + id.length + room.length + key.length + 8
                + NONCE_PREFIX_BYTES);
        out.put(MAGIC).putShort((short) VERSION);
        out.putShort((short) id.length).put(id);
        out.putShort((short) room.length).put(room);
        out.putShort((short) key.length).put(key);
        out.putLong(startedAt.toEpochMilli()).put(noncePrefix);
        return out.array();
    }

    static RecordingHeader decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC) || in.getShort() != VERSION) {
                throw new RecordingException(RecordingException.CORRUPT, "not a Hearth recording");
            }
            String id = string(in);
            String room = string(in);
            String key = string(in);
            Instant started = Instant.ofEpochMilli(in.getLong());
            byte[] prefix = new byte[NONCE_PREFIX_BYTES];
            in.get(prefix);
            if (in.hasRemaining()) {
                throw new RecordingException(RecordingException.CORRUPT, "the recording header has extra bytes");
            }
            return new RecordingHeader(id, room, key, started, prefix);
        } catch (java.nio.BufferUnderflowException e) {
            throw new RecordingException(RecordingException.CORRUPT, "the recording header is truncated");
        }
    }

    byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encode());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}

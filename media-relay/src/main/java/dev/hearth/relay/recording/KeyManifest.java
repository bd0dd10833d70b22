package dev.hearth.relay.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The small file that makes a recording readable: its data key and what is known about its end, all wrapped
 * together by the master key with the recording id as associated data. Because the chunk count of a finished
 * recording lives here, under the master key's tag, cutting whole chunks off the data file is detected.
 *
 * @param chunkCount     chunks known to be complete; meaningful once the state is not OPEN
 * @param recordedMicros time recorded with paused intervals removed
 */
record KeyManifest(byte[] dataKey, State state, long chunkCount, long recordedMicros, List<String> participants) {
    private static final byte[] MAGIC = {'H', 'K', 'E', 'Y'};
    private static final int VERSION = 1;
    private static final int KEY_ID_CHARS = 16;
    private static final int MAX_PARTICIPANTS = 4096;

    enum State {
        /** Being written; after a crash, readable up to the last complete chunk. */
        OPEN,
        COMPLETE,
        /** Found open at start-up: the chunk count is what survived. */
        INTERRUPTED
    }

    KeyManifest {
        participants = List.copyOf(participants);
    }

    KeyManifest with(State newState, long chunks, long micros, List<String> ids) {
        return new KeyManifest(dataKey, newState, chunks, micros, ids);
    }

    byte[] seal(MasterKey master, String recordingId) {
        int size = MasterKey.KEY_BYTES + 1 + 8 + 8 + 2;
        List<byte[]> encoded = new ArrayList<>();
        for (String id : participants) {
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            encoded.add(utf8);
            size += 2 + utf8.length;
        }
        ByteBuffer plain = ByteBuffer.allocate(size);
        plain.put(dataKey).put((byte) state.ordinal()).putLong(chunkCount).putLong(recordedMicros)
                .putShort((short) encoded.size());
        for (byte[] utf8 : encoded) {
            plain.putShort((short) utf8.length).put(utf8);
        }
        byte[] wrapped = master.wrap(plain.array(), associatedData(recordingId));
        Arrays.fill(plain.array(), (byte) 0);
        return ByteBuffer.allocate(MAGIC.length + 1 + KEY_ID_CHARS + wrapped.length).put(MAGIC).put((byte) VERSION)
                .put(master.keyId().getBytes(StandardCharsets.US_ASCII)).put(wrapped).array();
    }

    /**
     * @throws RecordingException {@code io} when another master key wrapped it, {@code corrupt} when it was changed
     *                            or belongs to another recording
     */
    static KeyManifest open(byte[] file, MasterKey master, String recordingId) {
        int headerBytes = MAGIC.length + 1 + KEY_ID_CHARS;
        if (file.length < headerBytes || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || file[MAGIC.length] != VERSION) {
            throw corrupt("the key file is not a Hearth recording key");
        }
        String keyId = new String(file, MAGIC.length + 1, KEY_ID_CHARS, StandardCharsets.US_ASCII);
        if (!keyId.equals(master.keyId())) {
            throw new RecordingException(RecordingException.IO,
                    "the recording was encrypted under another master key (id " + keyId + ")");
        }
        Optional<byte[]> plain = master.unwrap(Arrays.copyOfRange(file, headerBytes, file.length),
                associatedData(recordingId));
        if (plain.isEmpty()) {
            throw corrupt("the key file failed authentication");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(plain.get());
            byte[] key = new byte[MasterKey.KEY_BYTES];
            in.get(key);
            int state = in.get();
            long chunks = in.getLong();
            long micros = in.getLong();
            int count = Short.toUnsignedInt(in.getShort());
            if (state < 0 || state >= State.values().length || count > MAX_PARTICIPANTS) {
                throw corrupt("the key file holds impossible values");
            }
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(utf8);
                ids.add(new String(utf8, StandardCharsets.UTF_8));
            }
            return new KeyManifest(key, State.values()[state], chunks, micros, ids);
        } catch (java.nio.BufferUnderflowException e) {
            throw corrupt("the key file is truncated");
        } finally {
            Arrays.fill(plain.get(), (byte) 0);
        }
    }

    private static byte[] associatedData(String recordingId) {
        return ("hearth-recording-key/1\0" + recordingId).getBytes(StandardCharsets.UTF_8);
    }

    private static RecordingException corrupt(String message) {
        return new RecordingException(RecordingException.CORRUPT, message);
    }

    @Override
    public String toString() {
        return "KeyManifest[state=" + state + ", chunks=" + chunkCount + "]";
    }
}

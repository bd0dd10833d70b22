package dev.hearth.relay.recording;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * Reads one recording back: checks the key file and the header, then decrypts and authenticates chunk by chunk,
 * handing records to a {@link RecordVisitor}. Plaintext exists only in memory, one chunk at a time.
 *
 * <p>What counts as the end depends on the key file: a COMPLETE recording must have exactly its chunk count with the
 * last one final; an INTERRUPTED one its recovered chunk count (bytes of a torn last write after them are
 * ignored); an OPEN one (being written now, or crashed and not yet recovered) ends at its last complete chunk.
 */
final class RecordingReader {
    /** Far above what the writer produces; a larger length prefix is damage, not data. */
    static final int MAX_CHUNK_BYTES = 1 << 20;

    private final RecordingFiles files;
    private final RecordingHeader header;
    private final KeyManifest manifest;

    private RecordingReader(RecordingFiles files, RecordingHeader header, KeyManifest manifest) {
        this.files = files;
        this.header = header;
        this.manifest = manifest;
    }

    /**
     * @throws RecordingException {@code not-found}, {@code shredded} (data without key), {@code corrupt} or
     *                            {@code io}
     */
    static RecordingReader open(RecordingFiles files, MasterKey master) {
        boolean hasData = Files.exists(files.dataFile());
        byte[] keyFile;
        try {
            keyFile = Files.readAllBytes(files.keyFile());
        } catch (NoSuchFileException e) {
            if (hasData) {
                throw new RecordingException(RecordingException.SHREDDED, "the recording's key was destroyed");
            }
            throw new RecordingException(RecordingException.NOT_FOUND, "no such recording");
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording's key file cannot be read", e);
        }
        if (!hasData) {
            throw new RecordingException(RecordingException.NOT_FOUND, "the recording has no data file");
        }
        KeyManifest manifest = KeyManifest.open(keyFile, master, files.recordingId());
        RecordingHeader header;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(files.dataFile()))) {
            header = readHeader(in);
        } catch (EOFException e) {
            throw new RecordingException(RecordingException.CORRUPT, "the recording header is truncated");
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording cannot be read", e);
        }
        if (!header.recordingId().equals(files.recordingId()) || !header.keyId().equals(master.keyId())) {
            throw new RecordingException(RecordingException.CORRUPT, "the data file belongs to another recording");
        }
        return new RecordingReader(files, header, manifest);
    }

    RecordingHeader header() {
        return header;
    }

    KeyManifest manifest() {
        return manifest;
    }

    /** Decrypts every readable chunk in order; returns how many chunks there were and whether the last was final. */
    ReadSummary read(RecordVisitor visitor) {
        ChunkCipher cipher = new ChunkCipher(manifest.dataKey(), header);
        long expected = manifest.state() == KeyManifest.State.OPEN ? Long.MAX_VALUE : manifest.chunkCount();
        long index = 0;
        boolean finalSeen = false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(files.dataFile()),
                1 << 16))) {
            readHeader(in);
            while (index < expected && !finalSeen) {
                byte[] prefix = readFully(in, 5);
                if (prefix == null) {
                    break;
                }
                int length = ByteBuffer.wrap(prefix).getInt();
                boolean last = prefix[4] == 1;
                if (prefix[4] > 1 || length < ChunkCipher.TAG_BYTES || length > MAX_CHUNK_BYTES) {
                    throw new RecordingException(RecordingException.CORRUPT, "chunk " + index + " has a bad frame");
                }
                byte[] sealed = readFully(in, length);
                if (sealed == null) {
                    break;
                }
                byte[] plain = cipher.open(index, last, sealed);
                try {
                    parse(plain, visitor);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
                index++;
                finalSeen = last;
            }
            if (manifest.state() == KeyManifest.State.COMPLETE && in.read() >= 0) {
                throw new RecordingException(RecordingException.CORRUPT, "data follows the final chunk");
            }
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording cannot be read", e);
        }
        boolean short_ = manifest.state() != KeyManifest.State.OPEN && index != manifest.chunkCount();
        boolean unfinished = manifest.state() == KeyManifest.State.COMPLETE && !finalSeen;
        if (short_ || unfinished) {
            throw new RecordingException(RecordingException.CORRUPT, "the recording was truncated: " + index + " of "
                    + manifest.chunkCount() + " chunks");
        }
        if (manifest.state() == KeyManifest.State.INTERRUPTED && finalSeen) {
            throw new RecordingException(RecordingException.CORRUPT, "an interrupted recording has a final chunk");
        }
        return new ReadSummary(index, finalSeen);
    }

    /** Bytes read, or null at a clean or torn end of file (a crash mid-write leaves a torn one). */
    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        return bytes.length == length ? bytes : null;
    }

    private static RecordingHeader readHeader(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > RecordingHeader.MAX_BYTES) {
            throw new RecordingException(RecordingException.CORRUPT, "not a Hearth recording");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return RecordingHeader.decode(bytes);
    }

    private static void parse(byte[] plain, RecordVisitor visitor) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        try {
            while (in.hasRemaining()) {
                RecordType type = RecordType.of(in.get());
                switch (type) {
                    case TRACK -> {
                        int index = Short.toUnsignedInt(in.getShort());
                        String participant = string(in);
                        String mid = string(in);
                        String kind = string(in);
                        String codec = string(in);
                        int clockRate = in.getInt();
                        int channels = Byte.toUnsignedInt(in.get());
                        visitor.track(index, new TrackDescriptor(participant, mid, kind, codec, clockRate, channels));
                    }
                    case RTP -> {
                        int track = Short.toUnsignedInt(in.getShort());
                        long micros = in.getLong();
                        int length = Short.toUnsignedInt(in.getShort());
                        if (length > in.remaining()) {
                            throw new java.nio.BufferUnderflowException();
                        }
                        visitor.rtp(track, micros, plain, in.position(), length);
                        in.position(in.position() + length);
                    }
                    case RESUME, PAUSE, STOP -> visitor.mark(type, in.getLong());
                }
            }
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new RecordingException(RecordingException.CORRUPT, "a chunk holds a malformed record");
        }
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    record ReadSummary(long chunks, boolean finalChunk) {
    }
}

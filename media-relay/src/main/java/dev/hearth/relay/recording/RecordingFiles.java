package dev.hearth.relay.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where one recording lives: {@code <id>.key} holds the wrapped data key (see {@link KeyManifest}),
 * {@code <id>.hrec} the header and encrypted chunks.
 */
record RecordingFiles(Path directory, String recordingId) {
    static final String KEY_SUFFIX = ".key";
    static final String DATA_SUFFIX = ".hrec";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    RecordingFiles {
        requireSafeId(recordingId);
    }

    /** Ids become file names, so nothing that could leave the directory or hide a file is accepted. */
    static void requireSafeId(String recordingId) {
        if (recordingId == null || !SAFE_ID.matcher(recordingId).matches()) {
            throw new RecordingException(RecordingException.INVALID_ID,
                    "a recording id is 1 to 64 letters, digits, '-' or '_'");
        }
    }

    static boolean isSafeId(String recordingId) {
        return recordingId != null && SAFE_ID.matcher(recordingId).matches();
    }

    Path keyFile() {
        return directory.resolve(recordingId + KEY_SUFFIX);
    }

    Path dataFile() {
        return directory.resolve(recordingId + DATA_SUFFIX);
    }

    /** Replaces the key file atomically and durably: a crash leaves the old manifest or the new one. */
    void writeKeyFile(byte[] sealed) throws IOException {
        Path temporary = directory.resolve(recordingId + KEY_SUFFIX + ".tmp");
        // A leftover from a crash may carry looser permissions; the rename keeps the mode it is created with.
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(directory))) {
            ByteBuffer buffer = ByteBuffer.wrap(sealed);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, keyFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
    }

    /**
     * Crypto-shredding: the key file is overwritten with random bytes, forced and deleted before the data goes, so
     * once this returns (even if deleting the data then fails) the data can never be decrypted.
     */
    void shred() throws IOException {
        Path key = keyFile();
        if (Files.exists(key)) {
            long size = Files.size(key);
            byte[] noise = new byte[(int) Math.min(size, 1 << 16)];
            new SecureRandom().nextBytes(noise);
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(noise);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.delete(key);
            forceDirectory(directory);
        }
        Files.deleteIfExists(directory.resolve(recordingId + KEY_SUFFIX + ".tmp"));
        Files.deleteIfExists(dataFile());
        forceDirectory(directory);
    }

    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the files themselves are forced already.
        }
    }
}

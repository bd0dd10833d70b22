package dev.hearth.relay.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings in {@code <dataDir>/recordings/}: creates them for the relay ({@link Recorder}) and serves them to
 * signaling ({@link RecordingArchive}). One archive owns a data directory. On construction it marks recordings
 * left open by a crash as interrupted (and finishes shreds a crash cut short).
 */
public final class FileRecordingArchive implements RecordingArchive, Recorder {
    static final String DIRECTORY = "recordings";
    private static final Logger LOG = LoggerFactory.getLogger(FileRecordingArchive.class);

    private final Path directory;
    private final MasterKey master;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RecordingWriter> live = new ConcurrentHashMap<>();
    private final RecorderStatistics statistics = new RecorderStatistics();

    public FileRecordingArchive(Path dataDir, MasterKey master, Clock clock) {
        this.directory = dataDir.resolve(DIRECTORY);
        this.master = master;
        this.clock = clock;
        try {
            OwnerOnly.createDirectories(directory);
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recordings directory cannot be created", e);
        }
        recoverAtStartup();
    }

    public Path directory() {
        return directory;
    }

    /** Bytes, pauses, resumes and drops of every recording since start; for metrics. */
    public RecorderStatistics statistics() {
        return statistics;
    }

    /** Recordings open now (recording or paused). */
    public int openRecordings() {
        return live.size();
    }

    // ---- Recorder -----------------------------------------------------------------------------------------------

    @Override
    public RecordingSession create(String roomId, String recordingId) {
        RecordingFiles files = new RecordingFiles(directory, recordingId);
        synchronized (this) {
            if (live.containsKey(recordingId) || Files.exists(files.keyFile()) || Files.exists(files.dataFile())) {
                throw new RecordingException(RecordingException.EXISTS, "the recording id was already used");
            }
            byte[] dataKey = new byte[MasterKey.KEY_BYTES];
            random.nextBytes(dataKey);
            byte[] prefix = new byte[RecordingHeader.NONCE_PREFIX_BYTES];
            random.nextBytes(prefix);
            KeyManifest manifest = new KeyManifest(dataKey, KeyManifest.State.OPEN, 0, 0, List.of());
            RecordingHeader header = new RecordingHeader(recordingId, roomId, master.keyId(), clock.instant(), prefix);
            FileChannel channel = null;
            try {
                // The key first: data never exists on disk without the key that makes it shreddable.
                files.writeKeyFile(manifest.seal(master, recordingId));
                channel = FileChannel.open(files.dataFile(),
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(directory));
                byte[] encoded = header.encode();
                ByteBuffer start = ByteBuffer.allocate(4 + encoded.length).putInt(encoded.length).put(encoded).flip();
                while (start.hasRemaining()) {
                    channel.write(start);
                }
                channel.force(true);
                statistics.written(start.limit());
                RecordingFiles.forceDirectory(directory);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new RecordingException(RecordingException.IO, "the recording cannot be created", e);
            }
            RecordingWriter writer = new RecordingWriter(files, master, manifest, header, channel,
                    done -> live.remove(done.recordingId(), done), statistics);
            live.put(recordingId, writer);
            statistics.recordingStarted();
            LOG.info("event=recording_created recording={}", recordingId);
            return writer;
        }
    }

    // ---- RecordingArchive ---------------------------------------------------------------------------------------

    @Override
    public List<RecordingInfo> list() {
        List<RecordingInfo> infos = new ArrayList<>();
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(directory, "*" + RecordingFiles.KEY_SUFFIX)) {
            for (Path key : keys) {
                String name = key.getFileName().toString();
                String id = name.substring(0, name.length() - RecordingFiles.KEY_SUFFIX.length());
                if (!RecordingFiles.isSafeId(id)) {
                    continue;
                }
                try {
                    infos.add(info(id));
                } catch (RecordingException e) {
                    LOG.warn("event=recording_unreadable recording={} code={}", id, e.code());
                }
            }
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recordings directory cannot be listed", e);
        }
        infos.sort(Comparator.comparing(RecordingInfo::startedAt).reversed());
        return infos;
    }

    @Override
    public Optional<RecordingInfo> find(String recordingId) {
        if (!RecordingFiles.isSafeId(recordingId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(info(recordingId));
        } catch (RecordingException e) {
            if (e.code().equals(RecordingException.NOT_FOUND) || e.code().equals(RecordingException.SHREDDED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void exportWebm(String recordingId, OutputStream out) throws IOException {
        if (!RecordingFiles.isSafeId(recordingId)) {
            throw new RecordingException(RecordingException.NOT_FOUND, "no such recording");
        }
        RecordingReader reader = RecordingReader.open(new RecordingFiles(directory, recordingId), master);
        new WebmExporter(reader::read).export(out);
    }

    /** Authenticates every chunk of the recording without exporting it; returns the number of chunks. */
    public long verify(String recordingId) {
        RecordingFiles.requireSafeId(recordingId);
        RecordingReader reader = RecordingReader.open(new RecordingFiles(directory, recordingId), master);
        return reader.read(new RecordVisitor() { }).chunks();
    }

    @Override
    public Optional<byte[]> catalogKey(String recordingId) {
        if (!RecordingFiles.isSafeId(recordingId)) {
            return Optional.empty();
        }
        RecordingFiles files = new RecordingFiles(directory, recordingId);
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(files.keyFile());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording's key file cannot be read", e);
        }
        byte[] dataKey = KeyManifest.open(sealed, master, recordingId).dataKey();
        try {
            return Optional.of(SubKeys.derive(dataKey, SubKeys.CATALOG, recordingId));
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public void shred(String recordingId) {
        if (!RecordingFiles.isSafeId(recordingId)) {
            return;
        }
        if (live.containsKey(recordingId)) {
            throw new RecordingException(RecordingException.CONFLICT, "the recording is still open; stop it first");
        }
        try {
            new RecordingFiles(directory, recordingId).shred();
            LOG.info("event=recording_shredded recording={}", recordingId);
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording could not be shredded", e);
        }
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    private RecordingInfo info(String recordingId) {
        RecordingFiles files = new RecordingFiles(directory, recordingId);
        RecordingReader reader = RecordingReader.open(files, master);
        RecordingHeader header = reader.header();
        long size = sizeOf(files);
        RecordingWriter writer = live.get(recordingId);
        if (writer != null && !writer.isClosed()) {
            return new RecordingInfo(recordingId, header.roomId(), header.startedAt(),
                    Duration.ofNanos(writer.recordedMicros() * 1000),
                    writer.isWriting() ? RecordingStatus.RECORDING : RecordingStatus.PAUSED, writer.participants(),
                    size);
        }
        KeyManifest manifest = reader.manifest();
        if (manifest.state() == KeyManifest.State.OPEN) {
            manifest = recover(files, reader);
        }
        RecordingStatus status = manifest.state() == KeyManifest.State.COMPLETE
                ? RecordingStatus.COMPLETE : RecordingStatus.INTERRUPTED;
        return new RecordingInfo(recordingId, header.roomId(), header.startedAt(),
                Duration.ofNanos(manifest.recordedMicros() * 1000), status, manifest.participants(), size);
    }

    /**
     * Seals an open recording nobody writes any more as interrupted, with the chunks that survived: from then on
     * losing one of them is detected as truncation.
     */
    private synchronized KeyManifest recover(RecordingFiles files, RecordingReader reader) {
        RecordingSummary summary = new RecordingSummary();
        RecordingReader.ReadSummary read = reader.read(summary);
        KeyManifest.State state = read.finalChunk() ? KeyManifest.State.COMPLETE : KeyManifest.State.INTERRUPTED;
        KeyManifest recovered = reader.manifest().with(state, read.chunks(), summary.recordedMicros(),
                summary.participants());
        try {
            files.writeKeyFile(recovered.seal(master, files.recordingId()));
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recording's key file cannot be updated", e);
        }
        LOG.warn("event=recording_interrupted recording={} chunks={} recordedMs={}", files.recordingId(),
                read.chunks(), summary.recordedMicros() / 1000);
        return recovered;
    }

    private void recoverAtStartup() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(RecordingFiles.KEY_SUFFIX + ".tmp")) {
                    Files.deleteIfExists(entry);
                } else if (name.endsWith(RecordingFiles.DATA_SUFFIX)) {
                    ids.add(name.substring(0, name.length() - RecordingFiles.DATA_SUFFIX.length()));
                }
            }
            for (String id : ids) {
                if (!RecordingFiles.isSafeId(id)) {
                    continue;
                }
                RecordingFiles files = new RecordingFiles(directory, id);
                if (!Files.exists(files.keyFile())) {
                    // A shred that the process did not finish: the key is gone, the data is noise.
                    Files.deleteIfExists(files.dataFile());
                    continue;
                }
                try {
                    RecordingReader reader = RecordingReader.open(files, master);
                    if (reader.manifest().state() == KeyManifest.State.OPEN) {
                        recover(files, reader);
                    }
                } catch (RecordingException e) {
                    LOG.warn("event=recording_unreadable recording={} code={}", id, e.code());
                }
            }
        } catch (IOException e) {
            throw new RecordingException(RecordingException.IO, "the recordings directory cannot be read", e);
        }
    }

    private static long sizeOf(RecordingFiles files) {
        try {
            return Files.size(files.dataFile()) + Files.size(files.keyFile());
        } catch (IOException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Creation already failed; that error is the one reported.
            }
        }
    }
}

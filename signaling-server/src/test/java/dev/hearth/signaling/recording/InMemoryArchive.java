package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.recording.RecordingException;
import dev.hearth.relay.recording.RecordingInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An archive for signaling tests that need recordings without media: remembers what was shredded and exported,
 * and can be told to fail. The real archive is proven by the media-relay module's tests.
 */
public final class InMemoryArchive implements RecordingArchive {

    /** The bytes every export streams: the EBML magic of a WebM file. */
    public static final byte[] WEBM_MAGIC = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3};

    public final Map<String, RecordingInfo> recordings = new ConcurrentHashMap<>();
    public final List<String> shredded = new CopyOnWriteArrayList<>();
    public final List<String> exported = new CopyOnWriteArrayList<>();
    public volatile boolean failShredding;
    /** When set, {@link #catalogKey} fails as the real archive does under another master key. */
    public volatile boolean failKeys;
    private final Map<String, byte[]> catalogKeys = new ConcurrentHashMap<>();

    public void add(RecordingInfo info) {
        recordings.put(info.recordingId(), info);
    }

    @Override
    public List<RecordingInfo> list() {
        return new ArrayList<>(recordings.values());
    }

    @Override
    public Optional<RecordingInfo> find(String recordingId) {
        return Optional.ofNullable(recordings.get(recordingId));
    }

    @Override
    public void exportWebm(String recordingId, OutputStream out) throws IOException {
        if (!recordings.containsKey(recordingId)) {
            throw new RecordingException("not-found", "There is no such recording.");
        }
        exported.add(recordingId);
        out.write(WEBM_MAGIC);
    }

    /**
     * A random key per recording id, made on first use (signaling tests write the catalog before they add the
     * recording) and gone for good with the shred, as the real archive's key file is.
     */
    @Override
    public Optional<byte[]> catalogKey(String recordingId) {
        if (failKeys) {
            throw new RecordingException("io", "the recording was encrypted under another master key");
        }
        if (shredded.contains(recordingId)) {
            return Optional.empty();
        }
        return Optional.of(catalogKeys.computeIfAbsent(recordingId, id -> {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return key;
        }).clone());
    }

    @Override
    public void shred(String recordingId) {
        if (failShredding) {
            throw new RecordingException("io", "disk went away");
        }
        catalogKeys.remove(recordingId);
        recordings.remove(recordingId);
        shredded.add(recordingId);
    }
}

package dev.hearth.signaling.retention;

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

/** An archive for purge unit tests: remembers what was shredded, and can be told to fail. */
final class InMemoryArchive implements RecordingArchive {

    final Map<String, RecordingInfo> recordings = new ConcurrentHashMap<>();
    final List<String> shredded = new CopyOnWriteArrayList<>();
    volatile boolean failShredding;

    void add(RecordingInfo info) {
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
        out.write(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3});
    }

    @Override
    public void shred(String recordingId) {
        if (failShredding) {
            throw new RecordingException("io", "disk went away");
        }
        recordings.remove(recordingId);
        shredded.add(recordingId);
    }
}

package dev.hearth.relay.recording;

/** Where the relay sends what it records: one {@link RecordingSession} per recording id. */
public interface Recorder {

    /**
     * Creates the encrypted recording and its writer. The session starts paused; the relay resumes it on the packet
     * loop.
     *
     * @throws RecordingException {@code invalid-id} for an id unusable as a file name, {@code exists} when the id
     *                            was already used, {@code io} when the data directory cannot be written
     */
    RecordingSession create(String roomId, String recordingId);
}

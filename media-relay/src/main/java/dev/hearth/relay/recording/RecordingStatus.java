package dev.hearth.relay.recording;

/** Where a recording stands on disk. */
public enum RecordingStatus {
    /** Being written now. */
    RECORDING,
    /** Open, but nothing is written while consent is missing. */
    PAUSED,
    /** Stopped and finalised: the last chunk is marked final. */
    COMPLETE,
    /** The server stopped while recording (crash, kill); readable up to the last flushed chunk. */
    INTERRUPTED
}

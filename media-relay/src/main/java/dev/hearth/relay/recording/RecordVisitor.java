package dev.hearth.relay.recording;

/** Receives a recording's records in order, as {@link RecordingReader} decrypts them. */
interface RecordVisitor {

    default void track(int index, TrackDescriptor track) {
    }

    /** The array is only valid during the call. */
    default void rtp(int track, long arrivalMicros, byte[] array, int offset, int length) {
    }

    /** A RESUME (also the start), PAUSE or STOP mark. */
    default void mark(RecordType type, long atMicros) {
    }
}

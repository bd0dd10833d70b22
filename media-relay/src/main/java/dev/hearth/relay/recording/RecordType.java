package dev.hearth.relay.recording;

/**
 * The records inside a chunk's plaintext. Every record is whole within one chunk, so a reader that stops at the
 * last complete chunk never sees half a record. Times are microseconds since the recording first started.
 *
 * <pre>
 * TRACK  u8 type, u16 track, str participant, str mid, str kind, str codec, u32 clock rate, u8 channels
 * RTP    u8 type, u16 track, i64 arrival, u16 length, RTP packet (decrypted header and payload)
 * RESUME u8 type, i64 time        (also the first start)
 * PAUSE  u8 type, i64 time
 * STOP   u8 type, i64 time
 * str = u16 length + UTF-8
 * </pre>
 */
enum RecordType {
    TRACK(1), RTP(2), RESUME(3), PAUSE(4), STOP(5);

    final int code;

    RecordType(int code) {
        this.code = code;
    }

    static RecordType of(int code) {
        for (RecordType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new RecordingException(RecordingException.CORRUPT, "unknown record type " + code);
    }
}

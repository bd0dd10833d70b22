package dev.hearth.signaling.recording;

/** How long recordings are kept after they end; set by admins (see the retention package). */
public interface RecordingRetention {

    int recordingDays();
}

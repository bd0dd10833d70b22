package dev.hearth.signaling.consent;

/** {@code OFF -> REQUESTED -> RECORDING <-> PAUSED -> OFF}; the relay writes media only in RECORDING. */
public enum RecordingState {
    OFF,
    /** Asked; waiting until every admitted participant has consented. Nothing is written. */
    REQUESTED,
    /** Every admitted participant holds consent for the current recording id. */
    RECORDING,
    /** Someone present does not hold consent (withdrew, declined or just arrived). Nothing is written. */
    PAUSED;

    /** A recording id exists and people are being asked about it. */
    public boolean isActive() {
        return this != OFF;
    }
}

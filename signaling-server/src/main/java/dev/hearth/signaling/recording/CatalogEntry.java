package dev.hearth.signaling.recording;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What signaling remembers about one recording, beyond what the archive knows: who ran it, who consented (by
 * first name, for listings), whether it is on legal hold, and when it ended.
 *
 * @param facilitatorAccountId the account that owns the room, "" when unknown (a recording found only on disk)
 * @param participantNames     participant id to the name shown in the room ("Sam", "Sam (2)"), in the order
 *                             they consented; empty when they cannot be read (the recording's key was
 *                             shredded); stored sealed under that key ({@link RecordingCatalog})
 */
public record CatalogEntry(String recordingId, String roomId, String facilitatorAccountId, Instant startedAt,
                           Map<String, String> participantNames, boolean hold, Optional<Instant> endedAt) {

    public CatalogEntry {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(facilitatorAccountId, "facilitatorAccountId");
        Objects.requireNonNull(startedAt, "startedAt");
        participantNames = Collections.unmodifiableMap(new LinkedHashMap<>(participantNames));
        Objects.requireNonNull(endedAt, "endedAt");
    }

    CatalogEntry withName(String participantId, String name) {
        Map<String, String> names = new LinkedHashMap<>(participantNames);
        names.putIfAbsent(participantId, name);
        return new CatalogEntry(recordingId, roomId, facilitatorAccountId, startedAt, names, hold, endedAt);
    }

    CatalogEntry withNames(Map<String, String> names) {
        return new CatalogEntry(recordingId, roomId, facilitatorAccountId, startedAt, names, hold, endedAt);
    }

    CatalogEntry withHold(boolean newHold) {
        return new CatalogEntry(recordingId, roomId, facilitatorAccountId, startedAt, participantNames, newHold, endedAt);
    }

    CatalogEntry endedAt(Instant at) {
        return new CatalogEntry(recordingId, roomId, facilitatorAccountId, startedAt, participantNames, hold,
                Optional.of(endedAt.orElse(at)));
    }

    /** Names stay out: the entry may be logged. */
    @Override
    public String toString() {
        return "CatalogEntry[recordingId=" + recordingId + ", roomId=" + roomId + ", participants="
                + participantNames.size() + ", hold=" + hold + ", endedAt=" + endedAt.map(Instant::toString).orElse("-") + "]";
    }
}

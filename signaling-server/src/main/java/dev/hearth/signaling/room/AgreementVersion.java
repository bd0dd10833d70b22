package dev.hearth.signaling.room;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a room's agreement as it was in force: the words, since when, and which facilitator account
 * wrote them (empty for the room's first version, written when the room was created).
 */
public record AgreementVersion(Agreement agreement, Instant at, Optional<String> revisedBy) {

    public AgreementVersion {
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(revisedBy, "revisedBy");
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.consent.RecordingConsent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything of a {@link Room} that must outlive the process, as plain values: what {@link Room#snapshot()} takes and
 * {@link Room#restore} gives back. A store keeps it (embedded: a file per room; later Redis) and never interprets it.
 *
 * <p>It holds personal data (first names, the lobby's opaque seats) and secrets (the HMAC keys behind the roster,
 * the removals and the resume tokens), so a store seals it at rest. Resume tokens themselves are not here, only
 * their keyed hashes: a copy of the state lets nobody take a member's place. {@link #toString()} names the room only.
 *
 * @param agreementHistory every version, oldest first; the last one is in force
 * @param facilitatorAccounts the owner first, then the co-facilitators in the order they were added
 * @param resumeKey base64 of the HMAC-SHA256 key under which {@link Admitted#resumeTokenHash()} was taken
 */
public record RoomSnapshot(RoomId id, String ownerAccountId, String title, List<AgreementVersion> agreementHistory,
                           List<String> facilitatorAccounts, boolean locked, boolean ended, boolean archived,
                           String sessionId, List<Admitted> admitted, List<Waiting> lobby, Removals removals,
                           RosterState roster, String resumeKey, RecordingConsent.Snapshot recording) {

    public RoomSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
        Objects.requireNonNull(title, "title");
        agreementHistory = List.copyOf(agreementHistory);
        if (agreementHistory.isEmpty()) {
            throw new IllegalArgumentException("a room has at least its first agreement");
        }
        facilitatorAccounts = List.copyOf(facilitatorAccounts);
        if (facilitatorAccounts.isEmpty() || !facilitatorAccounts.get(0).equals(ownerAccountId)) {
            throw new IllegalArgumentException("the owner is the room's first facilitator");
        }
        Objects.requireNonNull(sessionId, "sessionId");
        admitted = List.copyOf(admitted);
        lobby = List.copyOf(lobby);
        Objects.requireNonNull(removals, "removals");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(resumeKey, "resumeKey");
        Objects.requireNonNull(recording, "recording");
    }

    /** The hashed seat and client address someone knocked from (what a removal remembers). */
    public record Marks(String seatHash, Optional<String> addressHash) {
        public Marks {
            Objects.requireNonNull(seatHash, "seatHash");
            Objects.requireNonNull(addressHash, "addressHash");
        }
    }

    /**
     * Someone admitted. {@code marks} is empty for facilitators; {@code rosterId} for facilitators and for members
     * of rooms older than the roster; {@code awaySince} while their connection is down.
     */
    public record Admitted(ParticipantId id, Role role, Optional<Marks> marks, FirstName firstName, int ordinal,
                           boolean muted, String resumeTokenHash, boolean agreementPending, boolean heldByFacilitator,
                           Optional<String> rosterId, Optional<Instant> awaySince) {
        public Admitted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(marks, "marks");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(resumeTokenHash, "resumeTokenHash");
            Objects.requireNonNull(rosterId, "rosterId");
            Objects.requireNonNull(awaySince, "awaySince");
        }
    }

    /**
     * Someone waiting in the lobby. {@code recordingAnswer} is their answer about recording and the recording it
     * was given for, if they gave one.
     */
    public record Waiting(ParticipantId id, String seat, FirstName firstName, Instant since, Marks marks,
                          boolean removedEarlier, int acceptedAgreementVersion, Optional<String> inviteId,
                          Optional<RecordingAnswer> recordingAnswer) {
        public Waiting {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(seat, "seat");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(marks, "marks");
            Objects.requireNonNull(inviteId, "inviteId");
            Objects.requireNonNull(recordingAnswer, "recordingAnswer");
        }
    }

    public record RecordingAnswer(RecordingId recordingId, boolean consented) {
        public RecordingAnswer {
            Objects.requireNonNull(recordingId, "recordingId");
        }
    }

    /** The session's removal memory: its key (base64) and the keyed hashes of removed seats and addresses. */
    public record Removals(String key, List<String> seats, List<String> addresses) {
        public Removals {
            Objects.requireNonNull(key, "key");
            seats = List.copyOf(seats);
            addresses = List.copyOf(addresses);
        }
    }

    /** The group's roster: its key (base64) and its members in the order they first came in. */
    public record RosterState(String key, List<RosterMember> members) {
        public RosterState {
            Objects.requireNonNull(key, "key");
            members = List.copyOf(members);
        }
    }

    /** One line of the roster; {@code invites}: ids of the invites this seat came in with. */
    public record RosterMember(String id, String seatHash, FirstName firstName, Instant since, boolean departed,
                               List<String> invites) {
        public RosterMember {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(seatHash, "seatHash");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(since, "since");
            invites = List.copyOf(invites);
        }
    }

    @Override
    public String toString() {
        return "RoomSnapshot[id=" + id + "]";
    }
}

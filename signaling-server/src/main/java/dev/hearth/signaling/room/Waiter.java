package dev.hearth.signaling.room;

import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import java.time.Instant;
import java.util.Optional;

/** Someone waiting in the lobby; mutable, owned by its {@link Room}. */
final class Waiter {

    final ParticipantId id;
    final String seat;
    final FirstName name;
    final Instant since;
    /** Hashed seat and address, remembered if they are removed. */
    final RemovalMemory.Marks marks;
    final boolean removedEarlier;
    /** The agreement they accepted when they knocked; a revision while they wait asks them again once admitted. */
    final int acceptedAgreementVersion;
    /** The invite they came with (its id, never the token), so leaving the group can withdraw it. */
    final Optional<String> inviteId;
    /** Their answer about recording, valid only for the recording it was given for. */
    private RecordingId answeredFor;
    private boolean consented;

    Waiter(ParticipantId id, String seat, FirstName name, Instant since, RemovalMemory.Marks marks,
           boolean removedEarlier, int acceptedAgreementVersion, Optional<String> inviteId) {
        this.id = id;
        this.seat = seat;
        this.name = name;
        this.since = since;
        this.marks = marks;
        this.removedEarlier = removedEarlier;
        this.acceptedAgreementVersion = acceptedAgreementVersion;
        this.inviteId = inviteId;
    }

    void answer(RecordingId recording, boolean consent) {
        answeredFor = recording;
        consented = consent;
    }

    /** Their answer for {@code recording}, or empty if they have not answered that one. */
    Optional<Boolean> answerFor(Optional<RecordingId> recording) {
        return recording.filter(r -> r.equals(answeredFor)).map(r -> consented);
    }

    RoomSnapshot.Waiting snapshot() {
        Optional<RoomSnapshot.RecordingAnswer> answer = Optional.ofNullable(answeredFor)
                .map(r -> new RoomSnapshot.RecordingAnswer(r, consented));
        return new RoomSnapshot.Waiting(id, seat, name, since, RemovalMemory.snapshot(marks), removedEarlier,
                acceptedAgreementVersion, inviteId, answer);
    }

    static Waiter restore(RoomSnapshot.Waiting s) {
        Waiter waiter = new Waiter(s.id(), s.seat(), s.firstName(), s.since(), RemovalMemory.restore(s.marks()),
                s.removedEarlier(), s.acceptedAgreementVersion(), s.inviteId());
        s.recordingAnswer().ifPresent(a -> waiter.answer(a.recordingId(), a.consented()));
        return waiter;
    }

    LobbyEntry entry() {
        return new LobbyEntry(id, name.value(), since, removedEarlier);
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.ParticipantId;
import java.util.Collection;
import java.util.Set;

/**
 * Who must be told about an event. The room resolves the group when it creates the event, so
 * {@link #recipients()} is exactly the list of participants to send to; the edge never works it out itself.
 */
public record Audience(Scope scope, Set<ParticipantId> recipients) {

    public enum Scope {
        /** One person (the one the event is about or addressed to). */
        PARTICIPANT,
        /** Admitted facilitators. */
        FACILITATORS,
        /** Admitted participants (sometimes all but the person the event is about). */
        ADMITTED,
        /** Admitted participants and everyone waiting in the lobby. */
        EVERYONE,
        /** Nobody: the consent ledger and the relay. */
        LEDGER
    }

    public Audience {
        recipients = Set.copyOf(recipients);
        if (scope == Scope.LEDGER && !recipients.isEmpty()) {
            throw new IllegalArgumentException("ledger entries are not sent to people");
        }
    }

    public static Audience to(ParticipantId participant) {
        return new Audience(Scope.PARTICIPANT, Set.of(participant));
    }

    public static Audience ledger() {
        return new Audience(Scope.LEDGER, Set.of());
    }

    static Audience of(Scope scope, Collection<ParticipantId> recipients) {
        return new Audience(scope, Set.copyOf(recipients));
    }

    public boolean includes(ParticipantId participant) {
        return recipients.contains(participant);
    }
}

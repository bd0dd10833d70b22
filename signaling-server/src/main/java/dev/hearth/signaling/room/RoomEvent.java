package dev.hearth.signaling.room;

import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.identity.ParticipantId;
import java.util.List;
import java.util.Optional;

/**
 * Something a room command caused, addressed to an {@link Audience}. The edge sends each event to its
 * recipients in list order and acts on it (ledger, relay) even when nobody is left to receive it.
 * Consent-ledger entries, and with them any pause of the recording, come first in every list.
 */
public sealed interface RoomEvent {

    Audience audience();

    /** To the knocker: they wait; if a recording is active they are told, and asked by a {@link ConsentAsked}. */
    record KnockedIntoLobby(Audience audience, ParticipantId you, RecordingState recordingState,
            Optional<RecordingId> recordingId) implements RoomEvent {
    }

    /** To facilitators only: who is waiting now. */
    record LobbyChanged(Audience audience, List<LobbyEntry> lobby) implements RoomEvent {
        public LobbyChanged {
            lobby = List.copyOf(lobby);
        }
    }

    /** To the person let in (or a facilitator entering): who they are, who is here, how to resume. */
    record Admitted(Audience audience, ParticipantView you, List<ParticipantView> participants, String resumeToken,
            boolean locked, RecordingState recordingState, Optional<RecordingId> recordingId, Agreement agreement,
            boolean agreementPending) implements RoomEvent {
        public Admitted {
            participants = List.copyOf(participants);
        }

        @Override
        public String toString() {
            return "Admitted[you=" + you + ", participants=" + participants.size() + ", resumeToken=hidden]";
        }
    }

    /**
     * To a person who came back within the grace period; the token is a new one, the old one is dead.
     * {@code restartMedia}: the server restarted since they last spoke to it, so the relay holds none of their
     * transports any more and their page starts its media afresh (a new publish and subscribe connection).
     */
    record Resumed(Audience audience, ParticipantView you, List<ParticipantView> participants, String resumeToken,
            boolean locked, RecordingState recordingState, Optional<RecordingId> recordingId, Agreement agreement,
            boolean agreementPending, boolean restartMedia) implements RoomEvent {
        public Resumed {
            participants = List.copyOf(participants);
        }

        @Override
        public String toString() {
            return "Resumed[you=" + you + ", participants=" + participants.size() + ", resumeToken=hidden]";
        }
    }

    record ParticipantJoined(Audience audience, ParticipantView participant) implements RoomEvent {
    }

    /** Left, removed or timed out; the group is not told which. The relay closes the participant's transports. */
    record ParticipantLeft(Audience audience, ParticipantId participant) implements RoomEvent {
    }

    record ParticipantRenamed(Audience audience, ParticipantView participant) implements RoomEvent {
    }

    /** The relay drops a muted participant's media at ingress. */
    record MuteChanged(Audience audience, ParticipantId participant, boolean muted) implements RoomEvent {
    }

    record LockChanged(Audience audience, boolean locked) implements RoomEvent {
    }

    /** To facilitators: a participant's connection dropped ({@code away}) or came back. */
    record PresenceChanged(Audience audience, ParticipantId participant, boolean away) implements RoomEvent {
    }

    /** To the person waiting: they will not be let in this time. */
    record Denied(Audience audience) implements RoomEvent {
    }

    /** To the person removed; the edge closes their connection and the relay their transports. */
    record Removed(Audience audience) implements RoomEvent {
    }

    /** To everyone admitted or waiting; the edge closes every connection of the room. */
    record SessionEnded(Audience audience) implements RoomEvent {
    }

    /**
     * The recording state changed. {@code reason} is given only when it ended, and never names anyone
     * (a declined request reads "not everyone agreed").
     */
    record RecordingChanged(Audience audience, RecordingState state, Optional<RecordingId> recordingId,
            Optional<ChangeReason> reason) implements RoomEvent {
    }

    /** To one person, in the room or in the lobby: do you consent to this recording? */
    record ConsentAsked(Audience audience, RecordingId recordingId) implements RoomEvent {
    }

    /** For the ledger: a facilitator account put new words in force. Never for a person. */
    record AgreementRevised(Audience audience, Agreement agreement, String byAccountId) implements RoomEvent {
    }

    /** For the ledger: this person accepted exactly these words (at their knock, or again after a revision). */
    record AgreementAcknowledged(Audience audience, ParticipantId participant, Agreement agreement) implements RoomEvent {
    }

    /**
     * For the relay, never for a person: while held, nothing this participant publishes is forwarded and nothing
     * is forwarded to them (they have not accepted the agreement in force).
     */
    record MediaHeld(Audience audience, ParticipantId participant, boolean held) implements RoomEvent {
    }

    /** To the member concerned and the facilitators: a facilitator holds (or released) this member's media. */
    record HoldChanged(Audience audience, ParticipantId participant, boolean held) implements RoomEvent {
    }

    /** To everyone admitted: the agreement's new words; members are asked to accept them before media resumes. */
    record AgreementChanged(Audience audience, Agreement agreement) implements RoomEvent {
    }

    /** To facilitators: whether a member still has to accept the agreement in force. */
    record AgreementPendingChanged(Audience audience, ParticipantId participant, boolean pending) implements RoomEvent {
    }

    /** For the consent ledger and the relay, never for a person. */
    record ConsentLogged(Audience audience, ConsentEvent event) implements RoomEvent {
    }
}

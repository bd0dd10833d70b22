package dev.hearth.signaling.consent;

import dev.hearth.signaling.identity.ParticipantId;
import java.util.Set;

/**
 * What a {@link RecordingConsent} call changed, in order. The edge appends every event to the consent ledger
 * and tells the relay about state changes; when a call pauses a recording, {@link RecordingPaused} comes first
 * so the relay stops writing before anything else is acted upon.
 */
public sealed interface ConsentEvent {

    RecordingId recordingId();

    /** A recording was asked for; {@code asked} are the admitted people other than the requester. */
    record RecordingRequested(RecordingId recordingId, Set<ParticipantId> asked) implements ConsentEvent {
        public RecordingRequested {
            asked = Set.copyOf(asked);
        }
    }

    /** Someone admitted after the request was asked individually. */
    record ConsentRequested(RecordingId recordingId, ParticipantId participant) implements ConsentEvent {
    }

    record ConsentGiven(RecordingId recordingId, ParticipantId participant) implements ConsentEvent {
    }

    /** Ledger only: the group is never told who declined. */
    record ConsentDeclined(RecordingId recordingId, ParticipantId participant) implements ConsentEvent {
    }

    record ConsentWithdrawn(RecordingId recordingId, ParticipantId participant) implements ConsentEvent {
    }

    /** The participant left while holding consent; if they come back they are asked again. */
    record ConsentLapsed(RecordingId recordingId, ParticipantId participant) implements ConsentEvent {
    }

    record RecordingStarted(RecordingId recordingId) implements ConsentEvent {
    }

    record RecordingPaused(RecordingId recordingId, ChangeReason reason) implements ConsentEvent {
    }

    record RecordingResumed(RecordingId recordingId) implements ConsentEvent {
    }

    /** Recording (or pausing) ended; the relay closes the recording. */
    record RecordingStopped(RecordingId recordingId, ChangeReason reason) implements ConsentEvent {
    }

    /** A request ended before anything was recorded. The reason never says who declined. */
    record RequestCancelled(RecordingId recordingId, ChangeReason reason) implements ConsentEvent {
    }
}

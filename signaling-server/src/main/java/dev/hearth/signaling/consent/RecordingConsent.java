package dev.hearth.signaling.consent;

import dev.hearth.signaling.consent.ConsentEvent.ConsentDeclined;
import dev.hearth.signaling.consent.ConsentEvent.ConsentGiven;
import dev.hearth.signaling.consent.ConsentEvent.ConsentLapsed;
import dev.hearth.signaling.consent.ConsentEvent.ConsentRequested;
import dev.hearth.signaling.consent.ConsentEvent.ConsentWithdrawn;
import dev.hearth.signaling.consent.ConsentEvent.RecordingPaused;
import dev.hearth.signaling.consent.ConsentEvent.RecordingRequested;
import dev.hearth.signaling.consent.ConsentEvent.RecordingResumed;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStarted;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStopped;
import dev.hearth.signaling.consent.ConsentEvent.RequestCancelled;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recording-consent state machine of one room: {@code OFF -> REQUESTED -> RECORDING <-> PAUSED -> OFF}.
 *
 * <p>The one invariant everything else serves: the state is {@link RecordingState#RECORDING} exactly while at
 * least one participant is admitted and every admitted participant holds consent for the current recording
 * id. Consent belongs to one recording id and one stay in the room: whoever leaves loses it and is asked again
 * on return. A request waits for everyone; a single "no" cancels it without saying whose.
 *
 * <p>Every call returns the {@link ConsentEvent}s it caused, with a pause first. Calls that do not fit the
 * current state (no recording, an answer to an old request, someone not in the room) throw
 * {@code bad-state}; repeating an answer already given changes nothing and returns no events.
 *
 * <p>Not thread-safe: it belongs to a room, whose commands are serialised.
 */
public final class RecordingConsent {

    private RecordingState state = RecordingState.OFF;
    private RecordingId current;
    private ParticipantId requester;
    private final Set<ParticipantId> admitted = new LinkedHashSet<>();
    private final Set<ParticipantId> consented = new LinkedHashSet<>();
    /** Answered "no" (declined or withdrew) to the current recording; not waiting for them any more. */
    private final Set<ParticipantId> refused = new LinkedHashSet<>();

    /**
     * Everything this machine knows, for keeping a room across a restart: state, current recording and requester
     * (both empty when OFF), who it counts as present, who consented and who refused, each in order.
     */
    public record Snapshot(RecordingState state, Optional<RecordingId> recordingId, Optional<ParticipantId> requester,
                           List<ParticipantId> admitted, List<ParticipantId> consented, List<ParticipantId> refused) {
        public Snapshot {
            java.util.Objects.requireNonNull(state, "state");
            java.util.Objects.requireNonNull(recordingId, "recordingId");
            java.util.Objects.requireNonNull(requester, "requester");
            admitted = List.copyOf(admitted);
            consented = List.copyOf(consented);
            refused = List.copyOf(refused);
            if (state.isActive() != recordingId.isPresent()) {
                throw new IllegalArgumentException("a recording id exists exactly while a recording is active");
            }
        }
    }

    public RecordingConsent() {
    }

    /** The machine as {@link #snapshot()} saw it. */
    public static RecordingConsent restore(Snapshot snapshot) {
        RecordingConsent consent = new RecordingConsent();
        consent.state = snapshot.state();
        consent.current = snapshot.recordingId().orElse(null);
        consent.requester = snapshot.requester().orElse(null);
        consent.admitted.addAll(snapshot.admitted());
        consent.consented.addAll(snapshot.consented());
        consent.refused.addAll(snapshot.refused());
        return consent;
    }

    public Snapshot snapshot() {
        return new Snapshot(state, Optional.ofNullable(current), Optional.ofNullable(requester), List.copyOf(admitted),
                List.copyOf(consented), List.copyOf(refused));
    }

    /**
     * Asks {@code admittedNow} to consent to a new recording. Asking counts as the requester's own consent,
     * so a requester alone in the room starts recording at once.
     */
    public List<ConsentEvent> request(ParticipantId requester, Set<ParticipantId> admittedNow) {
        if (state != RecordingState.OFF) {
            throw badState("A recording is already active.");
        }
        if (!admittedNow.contains(requester)) {
            throw badState("Only someone in the room can ask to record.");
        }
        admitted.clear();
        admitted.addAll(admittedNow);
        current = RecordingId.random();
        this.requester = requester;
        state = RecordingState.REQUESTED;
        consented.add(requester);
        Set<ParticipantId> asked = new LinkedHashSet<>(admitted);
        asked.remove(requester);
        List<ConsentEvent> events = new ArrayList<>();
        events.add(new RecordingRequested(current, asked));
        events.add(new ConsentGiven(current, requester));
        settle(events, ChangeReason.EVERYONE_CONSENTED);
        return events;
    }

    public List<ConsentEvent> consent(ParticipantId participant, RecordingId recordingId) {
        requireCurrent(recordingId);
        requireAdmitted(participant);
        if (consented.contains(participant)) {
            return List.of();
        }
        consented.add(participant);
        refused.remove(participant);
        List<ConsentEvent> events = new ArrayList<>();
        events.add(new ConsentGiven(current, participant));
        settle(events, ChangeReason.EVERYONE_CONSENTED);
        return events;
    }

    /** A "no". During a request it cancels the request; during a recording it pauses it. */
    public List<ConsentEvent> decline(ParticipantId participant, RecordingId recordingId) {
        requireCurrent(recordingId);
        requireAdmitted(participant);
        if (refused.contains(participant)) {
            return List.of();
        }
        consented.remove(participant);
        refused.add(participant);
        List<ConsentEvent> events = new ArrayList<>();
        events.add(new ConsentDeclined(current, participant));
        refusalEffect(events, ChangeReason.CONSENT_DECLINED);
        return events;
    }

    /** Takes back a consent; a no-op for someone who holds none. */
    public List<ConsentEvent> withdraw(ParticipantId participant) {
        requireActive();
        requireAdmitted(participant);
        if (!consented.contains(participant)) {
            return List.of();
        }
        consented.remove(participant);
        refused.add(participant);
        List<ConsentEvent> events = new ArrayList<>();
        events.add(new ConsentWithdrawn(current, participant));
        refusalEffect(events, ChangeReason.CONSENT_WITHDRAWN);
        return events;
    }

    /**
     * Someone entered the room. With a recording active they either consented while waiting in the lobby or
     * are asked now; in the latter case a running recording pauses before they are let in.
     */
    public List<ConsentEvent> admitted(ParticipantId participant, boolean consentedInLobby) {
        if (admitted.contains(participant)) {
            throw badState("That participant is already in the room.");
        }
        admitted.add(participant);
        if (state == RecordingState.OFF) {
            return List.of();
        }
        List<ConsentEvent> events = new ArrayList<>();
        if (consentedInLobby) {
            consented.add(participant);
            events.add(new ConsentGiven(current, participant));
        } else {
            events.add(new ConsentRequested(current, participant));
        }
        settle(events, ChangeReason.JOINED_WITHOUT_CONSENT);
        return events;
    }

    /** Someone left, was removed or did not come back in time. Their consent lapses. Unknown ids are ignored. */
    public List<ConsentEvent> left(ParticipantId participant) {
        if (!admitted.remove(participant) || state == RecordingState.OFF) {
            return List.of();
        }
        List<ConsentEvent> events = new ArrayList<>();
        if (consented.remove(participant)) {
            events.add(new ConsentLapsed(current, participant));
        }
        refused.remove(participant);
        if (state == RecordingState.REQUESTED && participant.equals(requester)) {
            cancel(events, ChangeReason.REQUESTER_LEFT);
        } else if (state == RecordingState.REQUESTED && admitted.isEmpty()) {
            cancel(events, ChangeReason.ROOM_EMPTY);
        } else {
            settle(events, ChangeReason.ROOM_EMPTY);
        }
        return events;
    }

    /** A facilitator ({@code by}, who must be in the room) stops the recording or withdraws the request. */
    public List<ConsentEvent> stop(ParticipantId by) {
        requireActive();
        requireAdmitted(by);
        List<ConsentEvent> events = new ArrayList<>();
        finish(events, ChangeReason.STOPPED);
        return events;
    }

    /**
     * Stopped on a staff account's decision outside the room (a breach response): like {@link #stop} without
     * needing someone admitted to ask for it.
     */
    public List<ConsentEvent> stopNow() {
        requireActive();
        List<ConsentEvent> events = new ArrayList<>();
        finish(events, ChangeReason.STOPPED);
        return events;
    }

    /**
     * The server restarted and the relay's recording did not survive the process: an active recording stops (a
     * request is cancelled) and a new one needs everyone's consent again. Nothing changes when none is active.
     */
    public List<ConsentEvent> interruptedByRestart() {
        List<ConsentEvent> events = new ArrayList<>();
        if (state != RecordingState.OFF) {
            finish(events, ChangeReason.SERVER_RESTARTED);
        }
        return events;
    }

    /** The session is over: everything stops and nobody is in the room any more. */
    public List<ConsentEvent> end() {
        List<ConsentEvent> events = new ArrayList<>();
        if (state != RecordingState.OFF) {
            finish(events, ChangeReason.SESSION_ENDED);
        }
        admitted.clear();
        return events;
    }

    public RecordingState state() {
        return state;
    }

    public Optional<RecordingId> recordingId() {
        return Optional.ofNullable(current);
    }

    /** Holds consent for the current recording (always false when there is none). */
    public boolean hasConsent(ParticipantId participant) {
        return consented.contains(participant);
    }

    /** Admitted people who have not answered the current recording yet. */
    public Set<ParticipantId> awaiting() {
        if (state == RecordingState.OFF) {
            return Set.of();
        }
        Set<ParticipantId> waiting = new LinkedHashSet<>(admitted);
        waiting.removeAll(consented);
        waiting.removeAll(refused);
        return Set.copyOf(waiting);
    }

    /** Who this machine counts as present. */
    public Set<ParticipantId> admitted() {
        return Set.copyOf(admitted);
    }

    private void refusalEffect(List<ConsentEvent> events, ChangeReason pauseReason) {
        if (state == RecordingState.REQUESTED) {
            cancel(events, ChangeReason.NOT_EVERYONE_AGREED);
        } else {
            settle(events, pauseReason);
        }
    }

    /** Moves between REQUESTED, RECORDING and PAUSED so that the invariant holds again. */
    private void settle(List<ConsentEvent> events, ChangeReason pauseReason) {
        boolean everyone = !admitted.isEmpty() && consented.containsAll(admitted);
        switch (state) {
            case REQUESTED -> {
                if (everyone) {
                    state = RecordingState.RECORDING;
                    events.add(new RecordingStarted(current));
                }
            }
            case PAUSED -> {
                if (everyone) {
                    state = RecordingState.RECORDING;
                    events.add(new RecordingResumed(current));
                }
            }
            case RECORDING -> {
                if (!everyone) {
                    state = RecordingState.PAUSED;
                    // First, so the relay stops writing before anything else in this call is acted upon.
                    events.add(0, new RecordingPaused(current, pauseReason));
                }
            }
            case OFF -> {
            }
        }
    }

    private void cancel(List<ConsentEvent> events, ChangeReason reason) {
        events.add(new RequestCancelled(current, reason));
        reset();
    }

    private void finish(List<ConsentEvent> events, ChangeReason reason) {
        if (state == RecordingState.REQUESTED) {
            events.add(new RequestCancelled(current, reason));
        } else {
            events.add(0, new RecordingStopped(current, reason));
        }
        reset();
    }

    private void reset() {
        state = RecordingState.OFF;
        current = null;
        requester = null;
        consented.clear();
        refused.clear();
    }

    private void requireActive() {
        if (state == RecordingState.OFF) {
            throw badState("No recording is active.");
        }
    }

    private void requireCurrent(RecordingId recordingId) {
        requireActive();
        if (!current.equals(recordingId)) {
            throw badState("That recording request is no longer current.");
        }
    }

    private void requireAdmitted(ParticipantId participant) {
        if (!admitted.contains(participant)) {
            throw badState("Only people in the room take part in recording consent.");
        }
    }

    private static HearthException badState(String message) {
        return new HearthException(ErrorCode.BAD_STATE, message);
    }
}

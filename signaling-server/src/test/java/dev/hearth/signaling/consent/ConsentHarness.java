package dev.hearth.signaling.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.consent.ConsentEvent.RecordingPaused;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStopped;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drives a {@link RecordingConsent} with three people in the room and one waiting in the lobby, keeps its own
 * record of who is present, and checks the consent invariants after every single step.
 */
final class ConsentHarness {

    static final ParticipantId A = ParticipantId.random();
    static final ParticipantId B = ParticipantId.random();
    static final ParticipantId C = ParticipantId.random();
    static final ParticipantId LOBBY_JOINER = ParticipantId.random();
    static final List<ParticipantId> PEOPLE = List.of(A, B, C, LOBBY_JOINER);
    /** An id no request ever had. */
    private static final RecordingId NEVER_ISSUED = RecordingId.random();

    enum Kind { REQUEST, CONSENT, CONSENT_STALE, DECLINE, DECLINE_STALE, WITHDRAW, ADMIT_CONSENTED,
        ADMIT_UNCONSENTED, LEAVE, STOP, END }

    record Action(Kind kind, ParticipantId who) {
        @Override
        public String toString() {
            return kind + (who == null ? "" : "(" + PEOPLE.indexOf(who) + ")");
        }
    }

    /** Every action the harness knows, over all four people. */
    static final List<Action> ALL_ACTIONS = allActions();

    final RecordingConsent consent = new RecordingConsent();
    private final Set<ParticipantId> present = new LinkedHashSet<>(List.of(A, B, C));
    private ParticipantId requester;
    private RecordingId stale = NEVER_ISSUED;

    ConsentHarness() {
        for (ParticipantId p : present) {
            consent.admitted(p, false);
        }
    }

    /**
     * Applies one action and checks the invariants; refusals are part of the exploration, but must leave
     * everything unchanged. Returns whether the action was accepted.
     */
    boolean apply(Action action) {
        State before = state();
        RecordingState stateBefore = consent.state();
        try {
            List<ConsentEvent> events = step(action);
            checkInvariants(action, stateBefore, events);
            return true;
        } catch (HearthException refused) {
            assertEquals("bad-state", refused.code(), action + " refused with an unexpected code");
            assertEquals(before, state(), action + " was refused but changed the state");
            return false;
        }
    }

    /** Applies an action already checked on an earlier visit (replaying a path); refusals are ignored. */
    void replay(Action action) {
        try {
            step(action);
        } catch (HearthException alreadyChecked) {
            // refused on its first visit too; it changed nothing then and changes nothing now
        }
    }

    private List<ConsentEvent> step(Action action) {
        RecordingId idBefore = consent.recordingId().orElse(null);
        List<ConsentEvent> events = run(action);
        trackPresence(action);
        if (idBefore != null && consent.recordingId().filter(idBefore::equals).isEmpty()) {
            stale = idBefore;
            requester = null;
        }
        if (action.kind() == Kind.REQUEST) {
            requester = action.who();
        }
        return events;
    }

    private List<ConsentEvent> run(Action a) {
        RecordingId currentOrStale = consent.recordingId().orElse(stale);
        return switch (a.kind()) {
            case REQUEST -> consent.request(a.who(), Set.copyOf(present));
            case CONSENT -> consent.consent(a.who(), currentOrStale);
            case CONSENT_STALE -> consent.consent(a.who(), stale);
            case DECLINE -> consent.decline(a.who(), currentOrStale);
            case DECLINE_STALE -> consent.decline(a.who(), stale);
            case WITHDRAW -> consent.withdraw(a.who());
            case ADMIT_CONSENTED -> consent.admitted(a.who(), true);
            case ADMIT_UNCONSENTED -> consent.admitted(a.who(), false);
            case LEAVE -> consent.left(a.who());
            case STOP -> consent.stop(a.who());
            case END -> consent.end();
        };
    }

    private void trackPresence(Action a) {
        switch (a.kind()) {
            case ADMIT_CONSENTED, ADMIT_UNCONSENTED -> present.add(a.who());
            case LEAVE -> present.remove(a.who());
            case END -> present.clear();
            default -> {
            }
        }
    }

    private void checkInvariants(Action action, RecordingState before, List<ConsentEvent> events) {
        RecordingState after = consent.state();
        boolean everyoneConsents = !present.isEmpty() && present.stream().allMatch(consent::hasConsent);
        assertEquals(present, consent.admitted(), "presence diverged after " + action);
        if (after == RecordingState.RECORDING) {
            assertFalse(present.isEmpty(), "recording an empty room after " + action);
            assertTrue(everyoneConsents, "recording without everyone's consent after " + action);
        }
        if (after == RecordingState.PAUSED) {
            assertFalse(everyoneConsents, "paused although everyone consents after " + action);
        }
        boolean withdrawal = action.kind() == Kind.WITHDRAW && !events.isEmpty();
        boolean unconsentedAdmission = action.kind() == Kind.ADMIT_UNCONSENTED && before.isActive();
        if (withdrawal || unconsentedAdmission) {
            assertNotEquals(RecordingState.RECORDING, after, action + " left the room recording");
        }
        if (before == RecordingState.RECORDING && after != RecordingState.RECORDING) {
            ConsentEvent first = events.get(0);
            assertTrue(first instanceof RecordingPaused || first instanceof RecordingStopped,
                    "writing must stop first, but " + action + " began with " + first);
        }
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i) instanceof RecordingPaused, "pause not first after " + action);
        }
        if (after == RecordingState.OFF) {
            assertTrue(consent.recordingId().isEmpty());
            assertTrue(consent.awaiting().isEmpty());
            assertTrue(PEOPLE.stream().noneMatch(consent::hasConsent), "consent outlived the recording");
        } else {
            assertTrue(consent.recordingId().isPresent());
            assertTrue(present.containsAll(consent.awaiting()));
            assertTrue(consent.awaiting().stream().noneMatch(consent::hasConsent));
            events.forEach(e -> assertInstanceOf(RecordingId.class, e.recordingId()));
        }
        if (after == RecordingState.REQUESTED) {
            assertTrue(consent.hasConsent(requester), "a pending request always holds its requester's consent");
        }
    }

    /** Everything that decides future behaviour; two harnesses in the same State behave alike. */
    State state() {
        Set<ParticipantId> consenting = new LinkedHashSet<>();
        for (ParticipantId p : PEOPLE) {
            if (consent.hasConsent(p)) {
                consenting.add(p);
            }
        }
        return new State(consent.state(), Set.copyOf(present), Set.copyOf(consenting), consent.awaiting(),
                requester, stale != NEVER_ISSUED);
    }

    record State(RecordingState recording, Set<ParticipantId> present, Set<ParticipantId> consenting,
            Set<ParticipantId> awaiting, ParticipantId requester, boolean hasStaleId) {
    }

    private static List<Action> allActions() {
        List<Action> actions = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.END) {
                actions.add(new Action(kind, null));
            } else {
                for (ParticipantId p : PEOPLE) {
                    actions.add(new Action(kind, p));
                }
            }
        }
        return List.copyOf(actions);
    }
}

package dev.hearth.signaling.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import dev.hearth.signaling.room.RoomEvent.Resumed;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Plays a whole session and inspects every event addressed to a member or to someone waiting: none may carry
 * another person's seat or resume token, and nothing about anyone in the lobby. People in the lobby may learn
 * nothing about anyone at all.
 */
class RoomPrivacyTest extends RoomFixture {

    private static final String SEAT_PREFIX = "seat-secret-";
    /** Names of people who wait but are never let in; members must never see them. */
    private static final Set<String> NEVER_ADMITTED_NAMES = Set.of("Zelda", "Quinn");

    private final Map<String, ParticipantId> tokenOwners = new HashMap<>();
    private final Set<ParticipantId> everWaiting = new HashSet<>();
    private final Set<ParticipantId> everAdmitted = new HashSet<>(Set.of(facilitator));
    private int eventsChecked;

    @Test
    void membersAndWaitersNeverLearnSeatsTokensOrTheLobby() {
        tokenOwners.put(room.resumeToken(facilitator), facilitator);
        ParticipantId ana = knock("Ana");
        ParticipantId sam = knock("Sam");
        ParticipantId zelda = knock("Zelda");
        ParticipantId quinn = knock("Quinn");
        run(() -> room.admit(facilitator, ana));
        run(() -> room.admit(facilitator, sam));
        run(() -> room.deny(facilitator, quinn));
        run(() -> room.requestRecording(facilitator));
        RecordingId first = room.recordingId().orElseThrow();
        run(() -> room.consent(ana, first));
        run(() -> room.decline(sam, first));
        run(() -> room.mute(facilitator, sam));
        run(() -> room.rename(facilitator, ana, name("Anna")));
        run(() -> room.lock(facilitator));
        run(() -> room.unlock(facilitator));
        run(() -> room.requestRecording(facilitator));
        RecordingId second = room.recordingId().orElseThrow();
        run(() -> room.consent(ana, second));
        run(() -> room.consent(sam, second));
        ParticipantId lena = knockedId(run(() -> room.knock(SEAT_PREFIX + "lena", name("Lena"),
                room.agreement().version(), Optional.of(true))));
        run(() -> room.answerRecordingInLobby(zelda, false));
        run(() -> room.admit(facilitator, lena));
        run(() -> room.disconnected(sam));
        run(() -> room.resume(tokenOf(sam)).events());
        run(() -> room.disconnected(ana));
        clock.advance(Duration.ofSeconds(31));
        run(() -> room.expire());
        ParticipantId secondSam = knock("Sam");
        run(() -> room.admit(facilitator, secondSam));
        run(() -> room.withdrawConsent(lena));
        run(() -> room.remove(facilitator, secondSam));
        run(() -> room.unmute(facilitator, sam));
        run(() -> room.stopRecording(facilitator));
        run(() -> room.leave(lena));
        run(() -> room.end(facilitator));
        assertTrue(eventsChecked > 40, "the scenario must produce events to inspect, got " + eventsChecked);
    }

    private ParticipantId knock(String name) {
        return knockedId(run(() -> room.knock(SEAT_PREFIX + name.toLowerCase() + everWaiting.size(), name(name),
                room.agreement().version(), Optional.empty())));
    }

    private static ParticipantId knockedId(List<RoomEvent> events) {
        return only(events, KnockedIntoLobby.class).you();
    }

    private String tokenOf(ParticipantId participant) {
        return tokenOwners.entrySet().stream().filter(e -> e.getValue().equals(participant))
                .map(Map.Entry::getKey).reduce((a, b) -> b).orElseThrow();
    }

    /** Runs a command, then checks each event against the room as the command left it. */
    private List<RoomEvent> run(Supplier<List<RoomEvent>> command) {
        List<RoomEvent> events = command.get();
        for (RoomEvent event : events) {
            if (event instanceof KnockedIntoLobby knocked) {
                everWaiting.add(knocked.you());
            } else if (event instanceof Admitted admitted) {
                everAdmitted.add(admitted.you().id());
                tokenOwners.put(admitted.resumeToken(), admitted.you().id());
            } else if (event instanceof Resumed resumed) {
                tokenOwners.put(resumed.resumeToken(), resumed.you().id());
            }
        }
        for (RoomEvent event : events) {
            check(event);
        }
        return events;
    }

    private void check(RoomEvent event) {
        List<Object> content = new ArrayList<>();
        contentOf(event, content);
        for (Object item : content) {
            if (item instanceof String text && text.contains(SEAT_PREFIX)) {
                fail("a seat left the room in " + event.getClass().getSimpleName());
            }
        }
        for (ParticipantId recipient : event.audience().recipients()) {
            eventsChecked++;
            if (room.isAdmitted(recipient) && room.role(recipient) == Role.FACILITATOR) {
                continue;
            }
            boolean waiting = !everAdmitted.contains(recipient);
            for (Object item : content) {
                String what = event.getClass().getSimpleName() + " to " + (waiting ? "a waiter" : "a member");
                if (item instanceof String text && tokenOwners.containsKey(text)) {
                    assertTrue(tokenOwners.get(text).equals(recipient), "someone else's resume token in " + what);
                }
                if (item instanceof ParticipantId other && !other.equals(recipient)) {
                    assertFalse(waiting, "a waiter learned of another person in " + what);
                    assertFalse(everWaiting.contains(other) && !everAdmitted.contains(other),
                            "a member learned of someone in the lobby in " + what);
                }
                if (item instanceof String text && NEVER_ADMITTED_NAMES.stream().anyMatch(text::contains)) {
                    fail("a lobby name reached " + what);
                }
                assertFalse(item instanceof LobbyEntry, "a lobby entry reached " + what);
                assertFalse(waiting && item instanceof ParticipantView, "a waiter saw a participant in " + what);
            }
        }
    }

    /** Everything an event carries apart from its audience: record components, recursively. */
    private static void contentOf(Object value, List<Object> out) {
        if (value == null) {
            return;
        }
        out.add(value);
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (record instanceof RoomEvent && component.getName().equals("audience")) {
                    continue;
                }
                try {
                    contentOf(component.getAccessor().invoke(record), out);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> contentOf(item, out));
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(item -> contentOf(item, out));
        }
    }
}

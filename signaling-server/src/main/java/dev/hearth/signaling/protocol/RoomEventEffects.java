package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.care.AttendanceRecord;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.recording.RecordingCatalog;
import dev.hearth.signaling.room.ParticipantView;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What room events change outside the room: the audit log (pseudonymous ids only), the consent ledger, the
 * recordings catalog and, through {@link RoomMedia} and {@link RelayControl}, the media relay. Runs in the room's
 * turn, before the event reaches anyone, so a mute, a removal or a recording pause takes effect at the relay
 * before it is acknowledged. The room's own records (audit, attendance) of a mute, a removal, a departure or the
 * end come before the relay call: the decision stands even if the relay fails ({@link RelayException}, which the
 * caller reports), so the records must not miss it.
 */
@Component
class RoomEventEffects {

    private final AuditLog audit;
    private final RoomMedia media;
    private final RelayControl relay;
    private final ConsentLedger ledger;
    private final RecordingCatalog catalog;
    private final AttendanceRecord attendance;
    private final Clock clock;

    RoomEventEffects(AuditLog audit, RoomMedia media, RelayControl relay, ConsentLedger ledger,
                     RecordingCatalog catalog, AttendanceRecord attendance, Clock clock) {
        this.attendance = attendance;
        this.audit = audit;
        this.media = media;
        this.relay = relay;
        this.ledger = ledger;
        this.catalog = catalog;
        this.clock = clock;
    }

    void apply(Room room, RoomEvent event, RoomProtocol.Request request) {
        String roomId = room.id().value();
        String actor = request.actor();
        if (event instanceof RoomEvent.KnockedIntoLobby e) {
            // The knocker's id only: their name stays with the room and the facilitators' lobby list.
            audit.append("lobby.knock", e.you().value(), e.you().value(), Map.of("room", roomId));
        } else if (event instanceof RoomEvent.Admitted e) {
            attendance.joined(roomId, room.sessionId(), e.you().id().value(),
                    e.you().role().name().toLowerCase(Locale.ROOT), e.you().displayName(), clock.instant());
            if (e.you().role() == Role.FACILITATOR) {
                audit.append("room.enter", actor, roomId, Map.of("participant", e.you().id().value()));
            } else {
                audit.append("lobby.admit", actor, e.you().id().value(), Map.of("room", roomId));
            }
        } else if (event instanceof RoomEvent.Denied e) {
            e.audience().recipients().forEach(p -> audit.append("lobby.deny", actor, p.value(), Map.of("room", roomId)));
        } else if (event instanceof RoomEvent.LockChanged e) {
            audit.append(e.locked() ? "room.lock" : "room.unlock", actor, roomId, Map.of());
        } else if (event instanceof RoomEvent.MuteChanged e) {
            audit.append(e.muted() ? "participant.mute" : "participant.unmute", actor, e.participant().value(),
                    Map.of("room", roomId));
            media.setAudioMuted(room, e.participant(), e.muted());
        } else if (event instanceof RoomEvent.ParticipantRenamed e) {
            audit.append("participant.rename", actor, e.participant().id().value(), Map.of("room", roomId));
        } else if (event instanceof RoomEvent.Removed e) {
            for (ParticipantId removed : e.audience().recipients()) {
                audit.append("participant.remove", actor, removed.value(), Map.of("room", roomId));
            }
            for (ParticipantId removed : e.audience().recipients()) {
                media.close(room, removed);
            }
        } else if (event instanceof RoomEvent.ParticipantLeft e) {
            attendance.left(roomId, room.sessionId(), e.participant().value(), clock.instant());
            audit.append("participant.leave", actor, e.participant().value(), Map.of("room", roomId));
            media.close(room, e.participant());
        } else if (event instanceof RoomEvent.SessionEnded) {
            attendance.ended(roomId, room.sessionId(), clock.instant());
            audit.append("session.end", actor, roomId, Map.of());
            media.closeRoom(room);
        } else if (event instanceof RoomEvent.ConsentLogged e) {
            consent(room, e.event(), actor);
        } else if (event instanceof RoomEvent.HoldChanged e) {
            audit.append(e.held() ? "participant.hold" : "participant.release", actor, e.participant().value(),
                    Map.of("room", roomId));
        } else if (event instanceof RoomEvent.MediaHeld e) {
            media.setHeld(room, e.participant(), e.held());
        } else if (event instanceof RoomEvent.AgreementRevised e) {
            ledger.agreementRevised(room.id(), e.agreement());
            audit.append("agreement.revise", actor, roomId,
                    Map.of("version", Integer.toString(e.agreement().version()), "hash", e.agreement().hash()));
        } else if (event instanceof RoomEvent.AgreementAcknowledged e) {
            ledger.agreementAcknowledged(room.id(), e.participant(), e.agreement());
            audit.append("agreement.acknowledge", e.participant().value(), e.participant().value(),
                    Map.of("room", roomId, "version", Integer.toString(e.agreement().version())));
        }
    }

    /**
     * The relay's recording follows the consent machine. Stopping writes (pause, stop) happens first, before
     * anything is logged, so a failure later in this call cannot leave media being written; starting writes
     * happens last, after the ledger holds the consents that allow it, so no recording exists without them.
     */
    private void consent(Room room, ConsentEvent event, String actor) {
        String roomId = room.id().value();
        String recordingId = event.recordingId().value();
        if (event instanceof ConsentEvent.RecordingPaused) {
            relay.pauseRecording(roomId, recordingId);
        } else if (event instanceof ConsentEvent.RecordingStopped) {
            relay.stopRecording(roomId, recordingId);
            catalog.ended(recordingId, clock.instant());
        }
        ledger.record(event, roomId, room.agreement().version());
        if (event instanceof ConsentEvent.RecordingStarted) {
            relay.startRecording(roomId, recordingId);
            catalog.started(recordingId, roomId, room.ownerAccountId(), clock.instant(), consentedNames(room));
        } else if (event instanceof ConsentEvent.RecordingResumed) {
            relay.resumeRecording(roomId, recordingId);
        } else if (event instanceof ConsentEvent.ConsentGiven given) {
            // Someone admitted during a recording; before the start this is a no-op (the start lists everyone).
            room.participants().stream().filter(p -> p.id().equals(given.participant())).findFirst()
                    .ifPresent(p -> catalog.consented(recordingId, p.id().value(), p.displayName()));
        }
        audit(room, event, actor);
    }

    /** The names listings show: everyone admitted when the recording starts, all of whom consented. */
    private static Map<String, String> consentedNames(Room room) {
        Map<String, String> names = new LinkedHashMap<>();
        for (ParticipantView participant : room.participants()) {
            if (room.hasRecordingConsent(participant.id())) {
                names.put(participant.id().value(), participant.displayName());
            }
        }
        return names;
    }

    private void audit(Room room, ConsentEvent event, String actor) {
        String recordingId = event.recordingId().value();
        ParticipantId subject = null;
        if (event instanceof ConsentEvent.ConsentGiven e) {
            subject = e.participant();
        } else if (event instanceof ConsentEvent.ConsentDeclined e) {
            subject = e.participant();
        } else if (event instanceof ConsentEvent.ConsentWithdrawn e) {
            subject = e.participant();
        } else if (event instanceof ConsentEvent.ConsentLapsed e) {
            subject = e.participant();
        } else if (event instanceof ConsentEvent.ConsentRequested e) {
            subject = e.participant();
        }
        audit.append("consent." + kebab(event.getClass().getSimpleName()), actor,
                subject == null ? recordingId : subject.value(),
                Map.of("room", room.id().value(), "recording", recordingId));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

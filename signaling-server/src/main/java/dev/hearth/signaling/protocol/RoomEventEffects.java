package dev.hearth.signaling.protocol;

import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What room events change outside the room: the audit log (pseudonymous ids only) and, through
 * {@link RoomMedia}, the media relay. Runs inside the room's lock, before the event reaches anyone,
 * so a mute or a removal takes effect at the relay before it is acknowledged.
 */
@Component
class RoomEventEffects {

    private final AuditLog audit;
    private final RoomMedia media;

    RoomEventEffects(AuditLog audit, RoomMedia media) {
        this.audit = audit;
        this.media = media;
    }

    void apply(Room room, RoomEvent event, RoomProtocol.Request request) {
        String roomId = room.id().value();
        String actor = request.actor();
        if (event instanceof RoomEvent.Admitted e) {
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
            media.setAudioMuted(room, e.participant(), e.muted());
            audit.append(e.muted() ? "participant.mute" : "participant.unmute", actor, e.participant().value(),
                    Map.of("room", roomId));
        } else if (event instanceof RoomEvent.ParticipantRenamed e) {
            audit.append("participant.rename", actor, e.participant().id().value(), Map.of("room", roomId));
        } else if (event instanceof RoomEvent.Removed e) {
            for (ParticipantId removed : e.audience().recipients()) {
                media.close(room, removed);
                audit.append("participant.remove", actor, removed.value(), Map.of("room", roomId));
            }
        } else if (event instanceof RoomEvent.ParticipantLeft e) {
            media.close(room, e.participant());
        } else if (event instanceof RoomEvent.SessionEnded) {
            media.closeRoom(room);
            audit.append("session.end", actor, roomId, Map.of());
        } else if (event instanceof RoomEvent.ConsentLogged e) {
            consent(room, e.event(), actor);
        }
    }

    private void consent(Room room, ConsentEvent event, String actor) {
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

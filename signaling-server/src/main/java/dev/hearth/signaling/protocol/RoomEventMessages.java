package dev.hearth.signaling.protocol;

import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import java.util.Map;
import java.util.Optional;

/** The protocol message for each room event (docs/protocol.md, "Server to client"). */
final class RoomEventMessages {

    private RoomEventMessages() {
    }

    /** Events that answer the requester's own join, enter or resume, and so echo its request id. */
    static boolean isDirectReply(RoomEvent event) {
        return event instanceof RoomEvent.KnockedIntoLobby
            || event instanceof RoomEvent.Admitted
            || event instanceof RoomEvent.Resumed;
    }

    static Map<String, Object> toMessage(Room room, RoomEvent event) {
        if (event instanceof RoomEvent.KnockedIntoLobby e) {
            Map<String, Object> m = Messages.message("lobby");
            m.put("participantId", e.you().value());
            m.put("roomTitle", room.title());
            m.put("recording", Messages.recording(e.recordingState(), e.recordingId(), Optional.empty()));
            return m;
        }
        if (event instanceof RoomEvent.LobbyChanged e) {
            Map<String, Object> m = Messages.message("lobby-update");
            m.put("entries", Messages.lobby(e.lobby()));
            return m;
        }
        if (event instanceof RoomEvent.Admitted e) {
            return admitted(room, e.you(), e.participants(), e.resumeToken(), e.locked(),
                Messages.recording(e.recordingState(), e.recordingId(), Optional.empty()), false, e.agreement(),
                e.agreementPending());
        }
        if (event instanceof RoomEvent.Resumed e) {
            Map<String, Object> m = admitted(room, e.you(), e.participants(), e.resumeToken(), e.locked(),
                Messages.recording(e.recordingState(), e.recordingId(), Optional.empty()), true, e.agreement(),
                e.agreementPending());
            // The relay lost their transports in a server restart: the page must publish and subscribe afresh.
            m.put("restartMedia", e.restartMedia());
            return m;
        }
        if (event instanceof RoomEvent.ParticipantJoined e) {
            Map<String, Object> m = Messages.message("participant-joined");
            m.put("participant", Messages.participant(e.participant()));
            return m;
        }
        if (event instanceof RoomEvent.ParticipantLeft e) {
            Map<String, Object> m = Messages.message("participant-left");
            m.put("participantId", e.participant().value());
            return m;
        }
        if (event instanceof RoomEvent.ParticipantRenamed e) {
            Map<String, Object> m = Messages.message("participant-updated");
            m.put("participant", Messages.participant(e.participant()));
            return m;
        }
        if (event instanceof RoomEvent.MuteChanged e) {
            Map<String, Object> m = Messages.message("mute-changed");
            m.put("participantId", e.participant().value());
            m.put("muted", e.muted());
            return m;
        }
        if (event instanceof RoomEvent.LockChanged e) {
            Map<String, Object> m = Messages.message("lock-changed");
            m.put("locked", e.locked());
            return m;
        }
        if (event instanceof RoomEvent.PresenceChanged e) {
            Map<String, Object> m = Messages.message("presence");
            m.put("participantId", e.participant().value());
            m.put("away", e.away());
            return m;
        }
        if (event instanceof RoomEvent.Denied e) {
            Map<String, Object> m = Messages.message("denied");
            m.put("message", "The facilitator did not let you in to this session.");
            return m;
        }
        if (event instanceof RoomEvent.Removed e) {
            Map<String, Object> m = Messages.message("removed");
            m.put("message", "The facilitator removed you from this session.");
            return m;
        }
        if (event instanceof RoomEvent.SessionEnded e) {
            Map<String, Object> m = Messages.message("session-ended");
            m.put("message", "The facilitator ended the session. Thank you for coming.");
            return m;
        }
        if (event instanceof RoomEvent.RecordingChanged e) {
            Map<String, Object> m = Messages.message("recording");
            m.putAll(Messages.recording(e.state(), e.recordingId(), e.reason()));
            return m;
        }
        if (event instanceof RoomEvent.ConsentAsked e) {
            Map<String, Object> m = Messages.message("consent-request");
            m.put("recordingId", e.recordingId().value());
            m.put("text", "The facilitator would like to record this session. It is recorded only while"
                    + " everyone present agrees, and you can withdraw your consent at any time.");
            return m;
        }
        if (event instanceof RoomEvent.ConsentLogged || event instanceof RoomEvent.AgreementRevised
                || event instanceof RoomEvent.AgreementAcknowledged || event instanceof RoomEvent.MediaHeld) {
            // Addressed to nobody (Audience.ledger()): the edge acts on them, no person receives them.
            return Messages.message("ledger-only");
        }
        if (event instanceof RoomEvent.AgreementChanged e) {
            Map<String, Object> m = Messages.message("agreement-changed");
            m.put("agreement", Messages.agreement(e.agreement()));
            return m;
        }
        if (event instanceof RoomEvent.HoldChanged e) {
            Map<String, Object> m = Messages.message("hold-changed");
            m.put("participantId", e.participant().value());
            m.put("held", e.held());
            return m;
        }
        if (event instanceof RoomEvent.AgreementPendingChanged e) {
            Map<String, Object> m = Messages.message("agreement-pending");
            m.put("participantId", e.participant().value());
            m.put("pending", e.pending());
            return m;
        }
        throw new IllegalArgumentException("unhandled room event " + event.getClass().getSimpleName());
    }

    private static Map<String, Object> admitted(Room room, dev.hearth.signaling.room.ParticipantView you,
            java.util.List<dev.hearth.signaling.room.ParticipantView> participants, String resumeToken, boolean locked,
            Map<String, Object> recording, boolean resumed, dev.hearth.signaling.room.Agreement agreement,
            boolean agreementPending) {
        Map<String, Object> m = Messages.message("admitted");
        m.put("roomId", room.id().value());
        m.put("roomTitle", room.title());
        m.put("you", Messages.participant(you));
        m.put("participants", Messages.participants(participants));
        m.put("resumeToken", resumeToken);
        m.put("locked", locked);
        m.put("recording", recording);
        m.put("resumed", resumed);
        // A reminder at every start, and the words to accept when a revision is still pending for this person.
        m.put("agreement", Messages.agreement(agreement));
        m.put("agreementPending", agreementPending);
        return m;
    }
}

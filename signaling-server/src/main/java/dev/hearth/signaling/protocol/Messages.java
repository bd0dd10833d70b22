package dev.hearth.signaling.protocol;

import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.LobbyEntry;
import dev.hearth.signaling.room.ParticipantView;
import dev.hearth.signaling.turn.TurnCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the JSON shapes of docs/protocol.md. The participant shape is the privacy boundary: a random id,
 * the display name and the role, nothing else.
 */
final class Messages {

    private Messages() {
    }

    static Map<String, Object> message(String type) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        return message;
    }

    static Map<String, Object> participant(ParticipantView view) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("participantId", view.id().value());
        participant.put("displayName", view.displayName());
        participant.put("role", view.role().name().toLowerCase(Locale.ROOT));
        participant.put("muted", view.muted());
        return participant;
    }

    static List<Map<String, Object>> participants(List<ParticipantView> views) {
        return views.stream().map(Messages::participant).toList();
    }

    static List<Map<String, Object>> lobby(List<LobbyEntry> entries) {
        return entries.stream().map(entry -> {
            Map<String, Object> waiting = new LinkedHashMap<>();
            waiting.put("participantId", entry.id().value());
            waiting.put("firstName", entry.firstName());
            waiting.put("waitingSince", entry.waitingSince().toString());
            // Lobby entries reach facilitators only (LobbyChanged); the mark never goes to anyone else.
            waiting.put("removedEarlier", entry.removedEarlier());
            return waiting;
        }).toList();
    }

    static Map<String, Object> recording(RecordingState state, Optional<RecordingId> id, Optional<ChangeReason> reason) {
        Map<String, Object> recording = new LinkedHashMap<>();
        recording.put("state", state.name().toLowerCase(Locale.ROOT));
        id.ifPresent(r -> recording.put("recordingId", r.value()));
        reason.ifPresent(r -> recording.put("reason", r.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        return recording;
    }

    static Map<String, Object> agreement(Agreement agreement) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("version", agreement.version());
        shape.put("text", agreement.text());
        return shape;
    }

    static Map<String, Object> ok(String requestId) {
        Map<String, Object> ok = message("ok");
        if (requestId != null) {
            ok.put("id", requestId);
        }
        return ok;
    }

    /**
     * The RTCConfiguration {@code iceServers} of one participant, and in how many seconds their credentials
     * expire: the client's clock may be wrong, a duration is not.
     */
    static void putIceServers(Map<String, Object> message, List<TurnCredentials.IceServer> servers, Clock clock) {
        List<Map<String, Object>> shapes = new java.util.ArrayList<>();
        long validSeconds = Long.MAX_VALUE;
        for (TurnCredentials.IceServer server : servers) {
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("urls", server.urls());
            shape.put("username", server.username());
            shape.put("credential", server.credential());
            shapes.add(shape);
            validSeconds = Math.min(validSeconds, Duration.between(clock.instant(), server.expiresAt()).toSeconds());
        }
        message.put("iceServers", shapes);
        if (!shapes.isEmpty()) {
            message.put("iceServersValidSeconds", Math.max(0, validSeconds));
        }
    }
}

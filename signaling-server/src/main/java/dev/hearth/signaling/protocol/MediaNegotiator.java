package dev.hearth.signaling.protocol;

import dev.hearth.relay.ConnectionQuality;
import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.relay.SubscriberView;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Room;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SDP offer/answer between a participant and the relay; the SDP itself is never logged.
 *
 * <p>One subscribe offer per connection is outstanding at a time. An answer does not say which offer it
 * answers, so an offer sent while the client is still answering the previous one would make the relay check
 * that answer against the newer offer and refuse it. A renegotiation that comes up meanwhile is held back and
 * offered once the answer is in; the newer offer then covers every change so far. Called in the room's turn.
 */
@Component
class MediaNegotiator {

    private static final Logger log = LoggerFactory.getLogger(MediaNegotiator.class);

    private final RelayControl relay;
    /** Per connection: whether an offer awaits its answer, and whether another should follow it. */
    private final Map<String, Negotiation> negotiations = new ConcurrentHashMap<>();
    /** Who receives media, by room and participant: where the relay's connection-quality reports go. */
    private final Map<String, Peer> subscribers = new ConcurrentHashMap<>();

    /** A room has at most 33 people; a view with more tiles than that is not a real page. */
    static final int MAX_TILES = 40;

    private static final class Negotiation {
        boolean awaitingAnswer;
        boolean offerDeferred;
    }

    MediaNegotiator(RelayControl relay) {
        this.relay = relay;
    }

    String publish(Room room, ParticipantId participant, String offer) {
        try {
            String answer = relay.publish(room.id().value(), participant.value(), offer);
            // A facilitator may have muted this person before their media existed; the relay enforces it now.
            relay.setAudioMuted(room.id().value(), participant.value(), room.isMuted(participant));
            // Likewise a member who has not accepted the agreement in force yet: nothing of theirs is forwarded.
            relay.setHeld(room.id().value(), participant.value(), room.isMediaHeld(participant));
            log.info("media.publish room={} participant={}", room.id(), participant);
            return answer;
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        }
    }

    /**
     * Applies the client's answer; {@code afterAnswer} runs before a held-back offer goes out (the {@code ok}
     * belongs before it). A refused answer ends that offer too.
     */
    void subscribeAnswer(Peer peer, Room room, ParticipantId participant, String answer, Runnable afterAnswer) {
        Negotiation negotiation = negotiations.computeIfAbsent(peer.connectionId(), id -> new Negotiation());
        try {
            relay.subscribeAnswer(room.id().value(), participant.value(), answer);
            afterAnswer.run();
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        } finally {
            negotiation.awaitingAnswer = false;
            if (negotiation.offerDeferred) {
                negotiation.offerDeferred = false;
                offer(peer, room, participant, false);
            }
        }
    }

    /**
     * Sends the participant a fresh {@code subscribe-offer}, unless the relay has nothing for them yet, or an
     * earlier offer still awaits its answer (then it follows that answer). An ICE restart is the client's own
     * request, so it is answered at once.
     */
    void offer(Peer peer, Room room, ParticipantId participant, boolean iceRestart) {
        Negotiation negotiation = negotiations.computeIfAbsent(peer.connectionId(), id -> new Negotiation());
        if (negotiation.awaitingAnswer && !iceRestart) {
            negotiation.offerDeferred = true;
            return;
        }
        subscribers.put(key(room.id().value(), participant.value()), peer);
        try {
            String sdp = relay.subscribeOffer(room.id().value(), participant.value(), iceRestart);
            if (room.isMediaHeld(participant)) {
                // Their subscribe side may be new at the relay; nothing reaches them until they accept.
                relay.setHeld(room.id().value(), participant.value(), true);
            }
            Map<String, Object> offer = Messages.message("subscribe-offer");
            offer.put("sdp", sdp);
            negotiation.awaitingAnswer = true;
            negotiation.offerDeferred = false;
            peer.send(offer);
        } catch (RelayException e) {
            log.debug("media.subscribe-skipped room={} participant={} code={}", room.id(), participant, e.code());
        }
    }

    /** The connection is gone; a new one starts negotiating afresh. */
    void forget(Peer peer) {
        negotiations.remove(peer.connectionId());
        subscribers.values().removeIf(p -> p == peer);
    }

    /**
     * The client's {@code view}: which tiles it renders (publisher, size in device pixels, pinned) and its data mode.
     * Bounded, and only people admitted to the room may have a tile; the relay then shares the participant's
     * downstream bandwidth out by it.
     */
    void view(Peer peer, Room room, ParticipantId participant, Inbound in) {
        JsonNode tilesNode = in.body().get("tiles");
        if (tilesNode == null || !tilesNode.isArray() || tilesNode.size() > MAX_TILES) {
            throw new ProtocolException("bad-request", "\"tiles\" must be a list of at most " + MAX_TILES + " tiles.");
        }
        List<SubscriberView.Tile> tiles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tilesNode.size(); i++) {
            JsonNode tile = tilesNode.get(i);
            if (tile == null || !tile.isObject()) {
                throw new ProtocolException("bad-request", "Each tile must be an object.");
            }
            Inbound fields = new Inbound(in.type(), in.id(), tile);
            ParticipantId publisher;
            try {
                publisher = new ParticipantId(fields.text("participantId", 64));
            } catch (HearthException e) {
                throw new ProtocolException("bad-request", "A tile names someone who is not in the room.");
            }
            if (!room.isAdmitted(publisher)) {
                throw new ProtocolException("bad-request", "A tile names someone who is not in the room.");
            }
            if (!seen.add(publisher.value())) {
                throw new ProtocolException("bad-request", "A participant has one tile.");
            }
            int width = fields.integer("width");
            int height = fields.integer("height");
            if (width < 0 || height < 0 || width > SubscriberView.MAX_DIMENSION
                    || height > SubscriberView.MAX_DIMENSION) {
                throw new ProtocolException("bad-request", "A tile's size is out of range.");
            }
            JsonNode pinned = tile.get("pinned");
            boolean isPinned = pinned != null && !pinned.isNull() && fields.bool("pinned");
            if (!publisher.equals(participant)) {
                tiles.add(new SubscriberView.Tile(publisher.value(), width, height, isPinned));
            }
        }
        String modeText = in.optionalText("mode", 16);
        SubscriberView.Mode mode = switch (modeText == null ? "normal" : modeText) {
            case "normal" -> SubscriberView.Mode.NORMAL;
            case "low-data" -> SubscriberView.Mode.LOW_DATA;
            case "audio-only" -> SubscriberView.Mode.AUDIO_ONLY;
            default -> throw new ProtocolException("bad-request", "\"mode\" is normal, low-data or audio-only.");
        };
        subscribers.put(key(room.id().value(), participant.value()), peer);
        try {
            relay.setSubscriberView(room.id().value(), participant.value(), SubscriberView.of(tiles, mode));
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        }
    }

    /**
     * The relay's report on one participant's downstream, sent to that participant only. The relay reports on a
     * change and at most about once a second, so this only translates.
     */
    void connectionQuality(String roomId, String participantId, ConnectionQuality quality) {
        Peer peer = subscribers.get(key(roomId, participantId));
        if (peer == null) {
            return;
        }
        Map<String, Object> message = Messages.message("connection-quality");
        message.put("quality", quality.level().name().toLowerCase(Locale.ROOT));
        message.put("estimateKbps", quality.estimateKbps());
        message.put("pausedVideo", quality.pausedVideo().stream().sorted().toList());
        peer.send(message);
    }

    private static String key(String roomId, String participantId) {
        return roomId + "/" + participantId;
    }
}

package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Room;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    }
}

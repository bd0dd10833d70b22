package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Room;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** SDP offer/answer between a participant and the relay; the SDP itself is never logged. */
@Component
class MediaNegotiator {

    private static final Logger log = LoggerFactory.getLogger(MediaNegotiator.class);

    private final RelayControl relay;

    MediaNegotiator(RelayControl relay) {
        this.relay = relay;
    }

    String publish(Room room, ParticipantId participant, String offer) {
        try {
            String answer = relay.publish(room.id().value(), participant.value(), offer);
            // A facilitator may have muted this person before their media existed; the relay enforces it now.
            relay.setAudioMuted(room.id().value(), participant.value(), room.isMuted(participant));
            log.info("media.publish room={} participant={}", room.id(), participant);
            return answer;
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        }
    }

    void subscribeAnswer(Room room, ParticipantId participant, String answer) {
        try {
            relay.subscribeAnswer(room.id().value(), participant.value(), answer);
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        }
    }

    /** A {@code subscribe-offer} message, or nothing when the relay has nothing for this participant yet. */
    Optional<Map<String, Object>> subscribeOffer(Room room, ParticipantId participant, boolean iceRestart) {
        try {
            String sdp = relay.subscribeOffer(room.id().value(), participant.value(), iceRestart);
            Map<String, Object> offer = Messages.message("subscribe-offer");
            offer.put("sdp", sdp);
            return Optional.of(offer);
        } catch (RelayException e) {
            log.debug("media.subscribe-skipped room={} participant={} code={}", room.id(), participant, e.code());
            return Optional.empty();
        }
    }
}

package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayListener;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import dev.hearth.signaling.room.RoomId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One subscribe offer awaits its answer at a time; a renegotiation meanwhile follows the answer. */
class MediaNegotiatorTest {

    private final List<String> relayCalls = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final MediaNegotiator negotiator = new MediaNegotiator(new CountingRelay());
    private final Room room = new Room(RoomId.random(), "acct", "Group", Agreement.defaultAgreement(),
            Clock.systemUTC());
    private final ParticipantId self = ParticipantId.random();
    private final Peer peer = new ListPeer("c-1");

    @Test
    void renegotiationWhileAnOfferAwaitsItsAnswerIsOfferedAfterTheAnswer() {
        negotiator.offer(peer, room, self, false);
        negotiator.offer(peer, room, self, false);
        negotiator.offer(peer, room, self, false);
        assertEquals(List.of("subscribe-offer 1"), sent, "held back while the first offer is unanswered");

        negotiator.subscribeAnswer(peer, room, self, "answer", () -> sent.add("ok"));

        assertEquals(List.of("subscribe-offer 1", "ok", "subscribe-offer 2"), sent);
        assertEquals(List.of("offer", "answer", "offer"), relayCalls);
    }

    /** The relay kept no mute across a restart: the room's, restored from its store, reaches the new publish. */
    @Test
    void aRestoredRoomsMuteReachesTheRelayWithTheFirstPublishAfterARestart() {
        ParticipantId host = admittedYou(room.enterAsFacilitator("acct", FirstName.parse("Folake")));
        ParticipantId member = room.knock("seat-ysolde-000000001", FirstName.parse("Ysolde"),
                room.agreement().version(), java.util.Optional.empty()).stream()
                .filter(RoomEvent.KnockedIntoLobby.class::isInstance)
                .map(e -> ((RoomEvent.KnockedIntoLobby) e).you()).findFirst().orElseThrow();
        room.admit(host, member);
        room.mute(host, member);
        Room restored = Room.restore(room.snapshot(), Clock.systemUTC(), Room.DEFAULT_LOBBY_CAPACITY);
        restored.afterRestart();

        negotiator.publish(restored, member, "offer");

        assertEquals(List.of("publish", "mute " + member.value() + " true"), relayCalls.subList(0, 2));
    }

    private static ParticipantId admittedYou(List<RoomEvent> events) {
        return events.stream().filter(RoomEvent.Admitted.class::isInstance)
                .map(e -> ((RoomEvent.Admitted) e).you().id()).findFirst().orElseThrow();
    }

    @Test
    void iceRestartIsOfferedAtOnce() {
        negotiator.offer(peer, room, self, false);

        negotiator.offer(peer, room, self, true);

        assertEquals(List.of("subscribe-offer 1", "subscribe-offer 2"), sent);
    }

    @Test
    void aNewConnectionNegotiatesAfresh() {
        negotiator.offer(peer, room, self, false);
        negotiator.forget(peer);

        negotiator.offer(peer, room, self, false);

        assertEquals(List.of("subscribe-offer 1", "subscribe-offer 2"), sent);
    }

    private final class ListPeer implements Peer {
        private final String id;

        ListPeer(String id) {
            this.id = id;
        }

        @Override
        public String connectionId() {
            return id;
        }

        @Override
        public String cookieHeader() {
            return null;
        }

        @Override
        public java.util.Optional<String> clientAddress() {
            return java.util.Optional.empty();
        }

        @Override
        public void send(Map<String, Object> message) {
            sent.add(message.get("type") + " " + message.get("sdp"));
        }

        @Override
        public void close(String reason) {
        }
    }

    private final class CountingRelay implements RelayControl {
        private int offers;

        @Override
        public String publish(String roomId, String participantId, String offerSdp) {
            relayCalls.add("publish");
            return "answer";
        }

        @Override
        public String subscribeOffer(String roomId, String participantId, boolean iceRestart) {
            relayCalls.add("offer");
            return String.valueOf(++offers);
        }

        @Override
        public void subscribeAnswer(String roomId, String participantId, String answerSdp) {
            relayCalls.add("answer");
        }

        @Override
        public void setAudioMuted(String roomId, String participantId, boolean muted) {
            relayCalls.add("mute " + participantId + " " + muted);
        }

        @Override
        public void setHeld(String roomId, String participantId, boolean held) {
        }

        @Override
        public void closeParticipant(String roomId, String participantId) {
        }

        @Override
        public void closeRoom(String roomId) {
        }

        @Override
        public void startRecording(String roomId, String recordingId) {
        }

        @Override
        public void pauseRecording(String roomId, String recordingId) {
        }

        @Override
        public void resumeRecording(String roomId, String recordingId) {
        }

        @Override
        public void stopRecording(String roomId, String recordingId) {
        }

        @Override
        public void setListener(RelayListener listener) {
        }
    }
}

package dev.hearth.relay.sfu;

import dev.hearth.relay.RelayListener;
import dev.hearth.relay.rtp.RtpPacketWriter;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.sdp.MediaDescription;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.SdpParser;
import dev.hearth.relay.sdp.SsrcGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay on fake transports with a hand-driven clock, inline packet loop and inline events, plus the client side of
 * publishing and subscribing.
 */
final class RelayHarness {
    static final String ROOM = "room-1";

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final FakeTransportFactory factory;
    final InProcessRelayControl relay;
    final List<String> events = new ArrayList<>();
    final Map<String, FakeTransport> publishTransports = new HashMap<>();
    final Map<String, FakeTransport> subscribeTransports = new HashMap<>();
    final Map<String, String> offers = new HashMap<>();

    RelayHarness() {
        factory = new FakeTransportFactory(Runnable::run);
        relay = new InProcessRelayControl(factory, clock::get, Runnable::run, false);
        relay.setListener(new RelayListener() {
            @Override
            public void onRenegotiationNeeded(String roomId, String participantId) {
                events.add("renegotiate " + participantId);
            }

            @Override
            public void onTransportClosed(String roomId, String participantId, String reason) {
                events.add("closed " + participantId + " " + reason);
            }
        });
    }

    /** Publishes and connects; returns the publish transport. */
    FakeTransport publish(String participant, long audioSsrc, long videoSsrc, long rtxSsrc) {
        int before = factory.created.size();
        relay.publish(ROOM, participant, ClientSdp.publishOffer("pub" + participant, audioSsrc, videoSsrc, rtxSsrc));
        if (factory.created.size() > before) {
            FakeTransport transport = factory.last();
            publishTransports.put(participant, transport);
            transport.connect();
        }
        return publishTransports.get(participant);
    }

    /** Subscribes (offer, answer, connect); returns the subscribe transport. */
    FakeTransport subscribe(String participant, boolean keepRtx) {
        int before = factory.created.size();
        String offer = relay.subscribeOffer(ROOM, participant, false);
        offers.put(participant, offer);
        if (factory.created.size() > before) {
            subscribeTransports.put(participant, factory.last());
        }
        relay.subscribeAnswer(ROOM, participant, ClientSdp.answer(offer, "sub" + participant, keepRtx));
        FakeTransport transport = subscribeTransports.get(participant);
        if (!transport.isConnected()) {
            transport.connect();
        }
        return transport;
    }

    /** The media SSRC the relay announced for the {@code index}-th section of {@code kind} in the last offer. */
    long consumerSsrc(String participant, MediaKind kind, int index) {
        return section(participant, kind, index).ssrcs().get(0).ssrc();
    }

    long consumerRtxSsrc(String participant, MediaKind kind, int index) {
        MediaDescription m = section(participant, kind, index);
        return m.ssrcGroups().stream().filter(g -> g.semantics().equals(SsrcGroup.FID)).findFirst()
                .orElseThrow().ssrcs().get(1);
    }

    String consumerMid(String participant, MediaKind kind, int index) {
        return section(participant, kind, index).mid().orElseThrow();
    }

    private MediaDescription section(String participant, MediaKind kind, int index) {
        return SdpParser.parse(offers.get(participant)).media().stream()
                .filter(m -> m.kind() == kind && m.port() != 0).toList().get(index);
    }

    long counter(ForwardingCounter counter) {
        return relay.counter(counter);
    }

    void advanceMillis(long millis) {
        clock.addAndGet(millis * 1_000_000L);
    }

    static byte[] rtp(long ssrc, int payloadType, int sequence, long timestamp, int transportSequence,
            byte[] payload) {
        return new RtpPacketWriter().ssrc(ssrc).payloadType(payloadType).sequenceNumber(sequence)
                .timestamp(timestamp)
                .extension(ClientSdp.TRANSPORT_CC_ID, TransportSequenceNumber.encode(transportSequence))
                .extension(ClientSdp.MID_ID, new byte[] {'v'})
                .payload(payload).toBytes();
    }

    static byte[] payload(int seed, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seed * 31 + i);
        }
        return payload;
    }
}

package dev.hearth.relay.sfu;

import dev.hearth.relay.RelayException;
import dev.hearth.relay.recording.RecordingException;
import dev.hearth.relay.sdp.ConsumerDescription;
import dev.hearth.relay.sdp.Direction;
import dev.hearth.relay.sdp.Fingerprint;
import dev.hearth.relay.sdp.HostCandidate;
import dev.hearth.relay.sdp.IceCredentials;
import dev.hearth.relay.sdp.MediaDescription;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.Msid;
import dev.hearth.relay.sdp.NegotiatedCodec;
import dev.hearth.relay.sdp.PublishAnswer;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.PublishedMedia;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.RelayTransportParameters;
import dev.hearth.relay.sdp.SdpException;
import dev.hearth.relay.sdp.SdpOrigin;
import dev.hearth.relay.sdp.SdpParser;
import dev.hearth.relay.sdp.SenderStream;
import dev.hearth.relay.sdp.SessionDescription;
import dev.hearth.relay.sdp.SubscribeAnswer;
import dev.hearth.relay.sdp.SubscribeOffer;
import dev.hearth.relay.sdp.SubscribeOfferer;
import dev.hearth.relay.transport.IceParameters;
import dev.hearth.relay.transport.MediaTransport;
import dev.hearth.relay.transport.TransportFactory;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One room on the relay: its participants, their producers, and a consumer for every (producer, other participant).
 * Every method runs on the room's packet loop, the one that owns all of its transports. Control methods collect which subscribers must renegotiate and report them
 * through {@link RouterEvents} once their change is in place.
 */
final class Router {
    /** 32 others with a microphone and a camera fill the 64 m-sections one subscribe transport can carry. */
    static final int MAX_PARTICIPANTS = 33;

    private final String roomId;
    private final TransportFactory transports;
    private final int loop;
    private final Forwarder forwarder;
    private final RouterEvents events;
    private final SecureRandom random;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Set<Participant> renegotiate = new LinkedHashSet<>();
    private RecordingTap recording;

    /** @param loop the packet loop the room lives on; all its transports are created there */
    Router(String roomId, TransportFactory transports, int loop, Forwarder forwarder, RouterEvents events,
            SecureRandom random) {
        this.roomId = roomId;
        this.transports = transports;
        this.loop = loop;
        this.forwarder = forwarder;
        this.events = events;
        this.random = random;
    }

    Forwarder forwarder() {
        return forwarder;
    }

    /** The room's recording, or null when none is open. */
    RecordingTap recording() {
        return recording;
    }

    int participantCount() {
        return participants.size();
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    Participant participant(String participantId) {
        return participants.get(participantId);
    }

    // ---- publish ------------------------------------------------------------------------------------------------

    String publish(String participantId, PublishOffer offer) {
        Participant participant = join(participantId);
        boolean fresh = participant.needsPublishTransport();
        if (fresh) {
            MediaTransport transport = transports.create(participant.publishListener, loop);
            participant.usePublishTransport(transport, new TransportCcRecorder(forwarder.nowNanos()));
        }
        MediaTransport transport = participant.publishTransport();
        IceParameters remoteIce = new IceParameters(offer.clientIce().ufrag(), offer.clientIce().pwd());
        String remoteFingerprint = offer.clientFingerprint().attributeValue();
        IceParameters localIce = transport.localIce();
        if (participant.publishRemoteChanged(remoteIce, remoteFingerprint)) {
            // An offerer that changes its ICE credentials restarts ICE, and the answerer must change its own too.
            if (participant.hasPublishRemote()) {
                localIce = transport.restartIce();
                if (!remoteFingerprint.equals(participant.publishRemoteFingerprint())) {
                    // A new peer connection (a reloaded page) numbers its transport-wide sequence afresh.
                    participant.restartTransportCc(new TransportCcRecorder(forwarder.nowNanos()));
                }
            }
            setRemote(transport, remoteIce, remoteFingerprint);
            participant.publishRemote(remoteIce, remoteFingerprint);
        }
        updateProducers(participant, offer);
        SdpOrigin origin = participant.nextPublishOrigin(() -> SdpOrigin.random(random));
        String answer = PublishAnswer.write(offer, parameters(transport, localIce), origin);
        announceRenegotiations();
        return answer;
    }

    private void updateProducers(Participant participant, PublishOffer offer) {
        Set<String> kept = new HashSet<>();
        int transportCcId = 0;
        int midId = 0;
        for (PublishedMedia media : offer.acceptedMedia()) {
            transportCcId = transportCcId > 0 ? transportCcId
                    : media.headerExtensionId(RelayCapabilities.EXT_TRANSPORT_CC).orElse(0);
            midId = midId > 0 ? midId : media.headerExtensionId(RelayCapabilities.EXT_MID).orElse(0);
            if (media.answerDirection() != Direction.RECVONLY || media.codecs().isEmpty()) {
                continue;
            }
            NegotiatedCodec codec = media.codecs().get(0);
            Optional<NegotiatedCodec> downstream = DownstreamCodecs.forProducer(codec);
            if (downstream.isEmpty()) {
                continue;
            }
            Producer producer = participant.producer(media.mid());
            if (producer != null && (producer.kind() != media.kind()
                    || producer.downstreamCodec().payloadType() != downstream.get().payloadType())) {
                closeProducer(participant, producer);
                producer = null;
            }
            if (producer == null) {
                if (participant.producers().size() >= Participant.MAX_PRODUCERS) {
                    throw new RelayException(RelayException.LIMIT_REACHED,
                            "a participant publishes at most " + Participant.MAX_PRODUCERS + " tracks");
                }
                producer = new Producer(participant, media.mid(), media.kind(), randomToken(8));
                restart(producer, media, codec, downstream.get());
                producer.setMuted(participant.dropsAtIngress(media.kind()));
                participant.producers().add(producer);
                for (Participant other : participants.values()) {
                    if (other != participant) {
                        addConsumer(producer, other);
                    }
                }
            } else {
                restart(producer, media, codec, downstream.get());
            }
            kept.add(media.mid());
        }
        for (Producer producer : List.copyOf(participant.producers())) {
            if (!kept.contains(producer.mid())) {
                closeProducer(participant, producer);
            }
        }
        participant.publishExtensionIds(transportCcId, midId);
    }

    /**
     * With SSRC simulcast the layers come in SIM order, lowest first; the relay forwards one stream and takes the
     * best. Without announced SSRCs the producer learns them from sdes:mid.
     */
    private static void restart(Producer producer, PublishedMedia media, NegotiatedCodec codec,
            NegotiatedCodec downstream) {
        List<SenderStream> senders = media.senders();
        SenderStream sender = senders.isEmpty() ? null : senders.get(senders.size() - 1);
        long ssrc = sender == null ? producer.ssrc() : sender.ssrc();
        long rtxSsrc = sender == null ? producer.rtxSsrc() : sender.rtxSsrc().orElse(Producer.NO_SSRC);
        producer.restart(codec, downstream, ssrc, rtxSsrc,
                media.headerExtensionId(RelayCapabilities.EXT_AUDIO_LEVEL).orElse(0),
                media.headerExtensionId(RelayCapabilities.EXT_TRANSPORT_CC).orElse(0));
    }

    private void closeProducer(Participant owner, Producer producer) {
        owner.producers().remove(producer);
        for (Consumer consumer : producer.close()) {
            consumer.subscriber().consumers().remove(consumer);
            renegotiate.add(consumer.subscriber());
        }
    }

    private void addConsumer(Producer producer, Participant subscriber) {
        long ssrc = uniqueSsrc(subscriber);
        long rtxSsrc = producer.isVideo() ? uniqueSsrc(subscriber, ssrc) : Producer.NO_SSRC;
        Consumer consumer = new Consumer(producer, subscriber, subscriber.nextMid(), ssrc, rtxSsrc,
                random.nextInt(0x10000), random.nextInt() & 0xFFFF_FFFFL, random.nextInt(0x10000));
        producer.addConsumer(consumer);
        subscriber.consumers().add(consumer);
        renegotiate.add(subscriber);
    }

    private long uniqueSsrc(Participant subscriber, long... taken) {
        while (true) {
            long ssrc = random.nextInt() & 0xFFFF_FFFFL;
            boolean clash = ssrc == 0 || subscriber.consumerBySsrc(ssrc) != null;
            for (long t : taken) {
                clash |= t == ssrc;
            }
            if (!clash) {
                return ssrc;
            }
        }
    }

    // ---- subscribe ----------------------------------------------------------------------------------------------

    String subscribeOffer(String participantId, boolean iceRestart) {
        Participant participant = join(participantId);
        if (participant.needsSubscribeTransport()) {
            MediaTransport transport = transports.create(participant.subscribeListener, loop);
            SubscribeOfferer offerer = new SubscribeOfferer(parameters(transport, transport.localIce()),
                    RelayCapabilities.standard(), () -> credentials(transport.restartIce()), SdpOrigin.random(random));
            participant.useSubscribeTransport(transport, offerer);
        }
        List<ConsumerDescription> live = new ArrayList<>();
        for (Consumer consumer : participant.consumers()) {
            live.add(consumer.description(consumer.producer().owner().cname()));
        }
        SubscribeOfferer offerer = participant.offerer();
        if (live.isEmpty() && offerer.lastOffer() == null) {
            announceRenegotiations();
            throw new RelayException(RelayException.NOTHING_TO_SUBSCRIBE, "no other participant publishes media");
        }
        SubscribeOffer offer;
        try {
            offer = offerer.createOffer(live, iceRestart);
        } catch (IllegalArgumentException e) {
            throw new RelayException(RelayException.LIMIT_REACHED, "too many tracks for one subscribe transport", e);
        }
        // The offer covers every change so far: no need to ask this participant again for them.
        renegotiate.remove(participant);
        announceRenegotiations();
        return offer.sdp();
    }

    /**
     * @param description the subscriber's answer, parsed by the caller off the packet loop; null when it did not parse
     * @param parseFailure why it did not parse, reported only once the participant and its offer are known
     */
    void subscribeAnswer(String participantId, SessionDescription description, SdpException parseFailure) {
        Participant participant = participants.get(participantId);
        if (participant == null) {
            throw new RelayException(RelayException.UNKNOWN_PARTICIPANT, "participant is not in the room");
        }
        SubscribeOfferer offerer = participant.offerer();
        if (offerer == null || offerer.lastOffer() == null || participant.subscribeTransport() == null) {
            throw new RelayException(RelayException.NO_OFFER, "no subscribe offer is waiting for an answer");
        }
        if (description == null) {
            throw new RelayException(RelayException.BAD_SDP, parseFailure.getMessage(), parseFailure);
        }
        SubscribeAnswer answer;
        try {
            answer = offerer.acceptAnswer(description);
        } catch (SdpException e) {
            throw new RelayException(RelayException.BAD_SDP, e.getMessage(), e);
        }
        MediaTransport transport = participant.subscribeTransport();
        if (answer.clientIce().isPresent() && answer.clientFingerprint().isPresent()) {
            IceParameters ice = new IceParameters(answer.clientIce().get().ufrag(), answer.clientIce().get().pwd());
            String fingerprint = answer.clientFingerprint().get().attributeValue();
            if (participant.subscribeRemoteChanged(ice, fingerprint)) {
                setRemote(transport, ice, fingerprint);
                participant.subscribeRemote(ice, fingerprint);
            }
        }
        for (Consumer consumer : participant.consumers()) {
            if (answer.isAccepted(consumer.mid())) {
                boolean started = consumer.start(keepsRtx(description, consumer));
                if (started && transport.isConnected()) {
                    forwarder.requestKeyframe(consumer.producer());
                }
            } else {
                consumer.pause();
            }
        }
    }

    /** Whether the answer kept the consumer's RTX payload type, so retransmissions may go as RTX. */
    private static boolean keepsRtx(SessionDescription answer, Consumer consumer) {
        int rtx = consumer.rtxPayloadType();
        if (rtx < 0) {
            return false;
        }
        Optional<MediaDescription> section = answer.mediaByMid(consumer.mid());
        return section.isPresent() && section.get().codecs().stream()
                .anyMatch(c -> c.payloadType() == rtx && c.isRtx()
                        && c.associatedPayloadType().orElse(-1) == consumer.payloadType());
    }

    /** The subscriber's DTLS came up: everything it receives starts with a key frame. */
    void subscriberConnected(Participant participant) {
        for (Consumer consumer : participant.consumers()) {
            if (consumer.isStarted()) {
                forwarder.requestKeyframe(consumer.producer());
            }
        }
    }

    // ---- recording ----------------------------------------------------------------------------------------------

    /** Attaches a new recording, not yet writing; a room records into one recording at a time. */
    void attachRecording(RecordingTap tap) {
        if (recording != null) {
            throw new RecordingException(RecordingException.CONFLICT, "the room already has an open recording");
        }
        recording = tap;
    }

    /** Detaches the recording; returns it, or null when {@code recordingId} is not this room's recording. */
    RecordingTap detachRecording(String recordingId) {
        RecordingTap tap = recordingFor(recordingId);
        if (tap != null) {
            tap.setWriting(false);
            recording = null;
        }
        return tap;
    }

    /** The room's open recording, or null. */
    RecordingTap openRecording() {
        return recording;
    }

    RecordingTap recordingFor(String recordingId) {
        return recording != null && recording.recordingId().equals(recordingId) ? recording : null;
    }

    /** Video recorded from here on must be decodable on its own, so every camera sends a key frame now. */
    void requestRecordingKeyframes() {
        if (recording != null) {
            recording.keyframesRequested(forwarder.nowNanos());
        }
        for (Participant participant : participants.values()) {
            for (Producer producer : participant.producers()) {
                forwarder.requestKeyframe(producer);
            }
        }
    }

    // ---- mute, close, tick --------------------------------------------------------------------------------------

    void setAudioMuted(String participantId, boolean muted) {
        Participant participant = participants.get(participantId);
        if (participant == null) {
            throw new RelayException(RelayException.UNKNOWN_PARTICIPANT, "participant is not in the room");
        }
        participant.setAudioMuted(muted);
        for (Producer producer : participant.producers()) {
            producer.setMuted(participant.dropsAtIngress(producer.kind()));
        }
    }

    void setHeld(String participantId, boolean held) {
        Participant participant = participants.get(participantId);
        if (participant == null) {
            throw new RelayException(RelayException.UNKNOWN_PARTICIPANT, "participant is not in the room");
        }
        participant.setHeld(held);
        for (Producer producer : participant.producers()) {
            producer.setMuted(participant.dropsAtIngress(producer.kind()));
        }
        if (!held) {
            // What they see again should start with a picture, not wait for the next periodic key frame.
            for (Participant other : participants.values()) {
                for (Producer producer : other.producers()) {
                    forwarder.requestKeyframe(producer);
                }
            }
        }
    }

    void closeParticipant(String participantId) {
        Participant participant = participants.remove(participantId);
        if (participant == null) {
            return;
        }
        for (Producer producer : List.copyOf(participant.producers())) {
            closeProducer(participant, producer);
        }
        for (Consumer consumer : participant.consumers()) {
            consumer.close();
            consumer.producer().removeConsumer(consumer);
        }
        participant.consumers().clear();
        renegotiate.remove(participant);
        participant.close();
        announceRenegotiations();
    }

    void close() {
        for (String id : List.copyOf(participants.keySet())) {
            closeParticipant(id);
        }
        renegotiate.clear();
    }

    void tick(long nowNanos) {
        for (Participant participant : participants.values()) {
            forwarder.tick(participant, nowNanos);
        }
        if (recording != null) {
            recording.requestMissingKeyframes(participants.values(), forwarder, nowNanos);
        }
    }

    void transportClosed(Participant participant, String reason) {
        events.transportClosed(roomId, participant.id(), reason);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Participant join(String participantId) {
        Participant participant = participants.get(participantId);
        if (participant != null) {
            return participant;
        }
        if (participants.size() >= MAX_PARTICIPANTS) {
            throw new RelayException(RelayException.LIMIT_REACHED, "the room is full");
        }
        // The protocol promises clients that a remote track's stream id is its owner's participant id.
        String streamId = Msid.isValidId(participantId) ? participantId : randomToken(12);
        participant = new Participant(this, participantId, streamId, randomToken(12),
                random.nextInt() & 0xFFFF_FFFFL);
        participants.put(participantId, participant);
        for (Participant other : participants.values()) {
            for (Producer producer : other.producers()) {
                if (other != participant) {
                    addConsumer(producer, participant);
                }
            }
        }
        // The newcomer negotiates on its own first subscribeOffer; no event for it.
        renegotiate.remove(participant);
        return participant;
    }

    private void announceRenegotiations() {
        for (Participant participant : renegotiate) {
            if (!participant.isClosed()) {
                events.renegotiationNeeded(roomId, participant.id());
            }
        }
        renegotiate.clear();
    }

    private static void setRemote(MediaTransport transport, IceParameters ice, String fingerprint) {
        try {
            transport.setRemote(ice, fingerprint);
        } catch (IllegalArgumentException e) {
            throw new RelayException(RelayException.BAD_SDP, "the DTLS fingerprint cannot be used", e);
        }
    }

    /**
     * Every address the relay listens on becomes a candidate, IPv4 first: the first one is the SDP's default, and
     * an IPv4 default is the one every browser can use. Dual-stack members then pair on what their network has.
     * The passive ICE-TCP candidates follow, in the same order, below every UDP one in priority: the way in for
     * networks that drop UDP.
     */
    private static RelayTransportParameters parameters(MediaTransport transport, IceParameters localIce) {
        List<HostCandidate> candidates = new ArrayList<>();
        for (boolean ipv4 : new boolean[] {true, false}) {
            for (InetSocketAddress address : transport.candidates()) {
                if ((address.getAddress() instanceof Inet4Address) == ipv4) {
                    candidates.add(HostCandidate.udp(literal(address), address.getPort()));
                }
            }
        }
        for (boolean ipv4 : new boolean[] {true, false}) {
            for (InetSocketAddress address : transport.tcpCandidates()) {
                if ((address.getAddress() instanceof Inet4Address) == ipv4) {
                    candidates.add(HostCandidate.tcp(literal(address), address.getPort()));
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new RelayException(RelayException.UNAVAILABLE, "the relay has no usable address");
        }
        String[] fingerprint = transport.localFingerprint().split(" ", 2);
        return new RelayTransportParameters(credentials(localIce), new Fingerprint(fingerprint[0], fingerprint[1]),
                candidates);
    }

    /**
     * RFC 5952's text form (2001:db8::7, not 2001:db8:0:0:0:0:0:7), built from the address bytes, so without an
     * IPv6 scope ("%eth0"), which has no meaning on the member's side.
     */
    private static String literal(InetSocketAddress address) {
        return io.netty.util.NetUtil.toAddressString(address.getAddress());
    }

    private static IceCredentials credentials(IceParameters ice) {
        return new IceCredentials(ice.ufrag(), ice.password());
    }

    private String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}

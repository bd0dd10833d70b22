package dev.hearth.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import dev.hearth.relay.libwebrtc.FramePainter;
import dev.hearth.relay.libwebrtc.GeneratedCamera;
import dev.hearth.relay.libwebrtc.Libwebrtc;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One simulated browser in a call: a signaling WebSocket speaking docs/protocol.md, a libwebrtc publish
 * connection sending a microphone and a camera, and a libwebrtc subscribe connection that answers every
 * {@code subscribe-offer} the server sends. Stats are attributed to remote participants by the msid stream id
 * the relay gives their tracks.
 *
 * <p>One {@link PeerConnectionFactory} and one {@link HeadlessAudioDeviceModule} per peer, as one browser has:
 * several factories side by side in one JVM are fine, and each is disposed with its peer. Audio is the headless
 * module's recorded silence (a {@code CustomAudioSource} pushed from a Java thread aborts the JVM, see the
 * relay's {@code PublishingPeer}); video comes from the relay's {@link GeneratedCamera}, painting what the
 * peer's {@link Camera} option says.
 */
public final class CallPeer implements AutoCloseable {

    /** Every Java thread a peer starts carries this prefix, so a test can prove none outlives its peer. */
    private static final String THREAD_PREFIX = "call-peer-";
    public static final int FRAMES_PER_SECOND = 20;
    private static final Duration NEGOTIATION_WAIT = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /**
     * What a peer's camera films, and whether it keeps a capture clock's steady cadence (dropping a late tick's
     * frame) or pushes late frames late.
     */
    public record Camera(int width, int height, FramePainter painter, boolean steady) {

        /** 320x240 moving gradient: cheap to encode on two busy cores. */
        public static Camera small() {
            return new Camera(320, 240, FramePainter.gradient(0), false);
        }

        /** A gradient of the given size with grain on it, as a real sensor's picture has. */
        public static Camera grainy(int width, int height) {
            return new Camera(width, height, FramePainter.gradient(0).withGrain(), false);
        }

        /** 320x240 pictures from {@code painter}, pushed on a steady clock: each push time is a capture instant. */
        public static Camera steady(FramePainter painter) {
            return new Camera(320, 240, painter, true);
        }
    }

    private final String label;
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final Camera cameraOption;
    private final GeneratedCamera camera;
    private final RTCPeerConnection publisher;
    private final RTCPeerConnection subscriber;
    private final SignalingSocket socket;
    private final ExecutorService negotiation;
    private final ScheduledExecutorService timers;
    private final Map<Long, String> streamBySsrc = new ConcurrentHashMap<>();
    private final List<String> negotiationFailures = new CopyOnWriteArrayList<>();
    private final AtomicInteger answeredOffers = new AtomicInteger();
    private volatile RTCPeerConnectionState publishState = RTCPeerConnectionState.NEW;
    private volatile RTCPeerConnectionState subscribeState = RTCPeerConnectionState.NEW;
    private volatile String participantId;
    private boolean generating;
    /** Open unless the peer must learn its TURN servers from its admission before answering any offer. */
    private final CountDownLatch iceConfigured;

    private CallPeer(int port, String cookieHeader, String label, Camera cameraOption) {
        this(port, cookieHeader, label, cameraOption, false);
    }

    private CallPeer(int port, String cookieHeader, String label, Camera cameraOption, boolean relayOnly) {
        this.iceConfigured = new CountDownLatch(relayOnly ? 1 : 0);
        this.label = label;
        this.cameraOption = cameraOption;
        this.camera = new GeneratedCamera(THREAD_PREFIX + label + "-camera", cameraOption.width(),
                cameraOption.height(), cameraOption.painter());
        this.negotiation = Executors.newSingleThreadExecutor(threads("negotiation"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("timers"));
        publisher = factory.createPeerConnection(new RTCConfiguration(), observer(s -> publishState = s));
        subscriber = factory.createPeerConnection(new RTCConfiguration(), observer(s -> subscribeState = s));
        String stream = UUID.randomUUID().toString();
        AudioTrackSource audioSource = factory.createAudioSource(new AudioOptions());
        AudioTrack audio = factory.createAudioTrack(UUID.randomUUID().toString(), audioSource);
        VideoTrack video = factory.createVideoTrack(UUID.randomUUID().toString(), camera.source());
        publisher.addTransceiver(audio, Libwebrtc.sendOnly(stream));
        publisher.addTransceiver(video, Libwebrtc.sendOnly(stream));
        socket = SignalingSocket.open(port, cookieHeader, offer -> negotiation.execute(() -> answer(offer)));
        // The server closes a socket after 60 s of silence; a browser pings every 20 s.
        timers.scheduleAtFixedRate(() -> socket.sendQuiet("ping", m -> { }), KEEP_ALIVE.toMillis(),
                KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends a call after a test: the host ends the session (closing every transport of the room at once, and
     * finalising a recording a failure left open), every peer must have negotiated cleanly, every peer is
     * closed, and none of their threads may outlive them.
     */
    public static void hangUp(CallPeer host, List<CallPeer> call) throws InterruptedException {
        try {
            if (host != null && !host.socket().isClosed()) {
                host.socket().send("end");
            }
            for (CallPeer peer : call) {
                assertThat(peer.negotiationFailures()).as(peer.label() + " negotiation").isEmpty();
            }
        } finally {
            for (CallPeer peer : call) {
                peer.close();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("threads left behind by the peers")
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(THREAD_PREFIX));
    }

    /** A member's browser: no session cookie. */
    public static CallPeer member(int port, String label) {
        return member(port, label, Camera.small());
    }

    /** A member's browser with a camera of the given size whose picture has grain, as a real sensor's has. */
    public static CallPeer memberWithCamera(int port, String label, int width, int height) {
        return member(port, label, Camera.grainy(width, height));
    }

    public static CallPeer member(int port, String label, Camera camera) {
        return new CallPeer(port, null, label, camera);
    }

    /** A facilitator's browser, signed in with the given {@code HEARTH_SESSION} cookie. */
    public static CallPeer facilitator(int port, String cookieHeader, String label) {
        return facilitator(port, cookieHeader, label, Camera.small());
    }

    public static CallPeer facilitator(int port, String cookieHeader, String label, Camera camera) {
        return new CallPeer(port, cookieHeader, label, camera);
    }

    /**
     * A browser on a network that lets only TURN through: it gathers relay candidates only
     * ({@code iceTransportPolicy: 'relay'}), with the servers its admission reply names ({@link #relayOnlyThrough});
     * until then it answers no offer. {@code cookieHeader} null for a member.
     */
    public static CallPeer relayOnly(int port, String cookieHeader, String label) {
        return new CallPeer(port, cookieHeader, label, Camera.small(), true);
    }

    /** Applies the {@code iceServers} of an {@code admitted} reply, relay candidates only, as a page does. */
    public void relayOnlyThrough(JsonNode admitted) {
        List<RTCIceServer> servers = new ArrayList<>();
        for (JsonNode entry : admitted.path("iceServers")) {
            RTCIceServer server = new RTCIceServer();
            server.urls = new ArrayList<>();
            entry.path("urls").forEach(url -> server.urls.add(url.asString()));
            server.username = entry.path("username").asString();
            server.password = entry.path("credential").asString();
            servers.add(server);
        }
        assertThat(servers).as("TURN servers in the admission reply").isNotEmpty();
        for (RTCPeerConnection connection : List.of(publisher, subscriber)) {
            RTCConfiguration configuration = connection.getConfiguration();
            configuration.iceServers = servers;
            configuration.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
            connection.setConfiguration(configuration);
        }
        iceConfigured.countDown();
    }

    /**
     * The candidate type ('host', 'srflx', 'relay') of this peer's side of each connection's selected pair,
     * publish first; "none" while a connection has no selected pair.
     */
    public List<String> selectedLocalCandidateTypes() throws Exception {
        List<String> types = new ArrayList<>();
        for (RTCPeerConnection connection : List.of(publisher, subscriber)) {
            List<RTCStats> report = Libwebrtc.stats(connection);
            Map<String, RTCStats> byId = new HashMap<>();
            report.forEach(stats -> byId.put(stats.getId(), stats));
            String type = "none";
            for (RTCStats stats : report) {
                if (stats.getType() != RTCStatsType.TRANSPORT) {
                    continue;
                }
                RTCStats pair = byId.get(String.valueOf(stats.getAttributes().get("selectedCandidatePairId")));
                RTCStats local = pair == null ? null : byId.get(String.valueOf(pair.getAttributes().get("localCandidateId")));
                if (local != null) {
                    type = String.valueOf(local.getAttributes().get("candidateType"));
                }
            }
            types.add(type);
        }
        return types;
    }

    public String label() {
        return label;
    }

    public SignalingSocket socket() {
        return socket;
    }

    /** This peer's participant id once it knocked or entered. */
    public String participantId() {
        return participantId;
    }

    /** Facilitator: enters the room directly and returns the {@code admitted} reply. */
    public JsonNode enter(String roomId, String firstName) {
        JsonNode admitted = socket.replyOfType(
                socket.send("enter", m -> m.put("roomId", roomId).put("firstName", firstName)), "admitted");
        participantId = admitted.at("/you/participantId").asString();
        return admitted;
    }

    /** Member: knocks with the invite, accepting the agreement; returns the lobby participant id. */
    public String knock(String invite, String firstName, int agreementVersion) {
        JsonNode lobby = socket.replyOfType(socket.send("join", m -> m.put("invite", invite)
                .put("firstName", firstName).put("agreementVersion", agreementVersion)), "lobby");
        participantId = lobby.get("participantId").asString();
        return participantId;
    }

    /** Member: waits for the facilitator's admission. */
    public JsonNode awaitAdmitted() {
        return socket.expect("admitted");
    }

    /** A reloaded page: takes over an admitted participant's place with its resume token. */
    public JsonNode resume(String resumeToken) {
        JsonNode admitted = socket.replyOfType(socket.send("resume", m -> m.put("resumeToken", resumeToken)),
                "admitted");
        participantId = admitted.at("/you/participantId").asString();
        return admitted;
    }

    /** Asks for a subscribe offer, as a page that arrives after the others published does. */
    public void requestSubscribeOffer() {
        socket.sendQuiet("ice-restart", m -> { });
    }

    /** Sends the camera and microphone offer, applies the relay's answer and starts generating video. */
    public void publish() throws Exception {
        String offer = Libwebrtc.offer(publisher);
        JsonNode answer = socket.replyOfType(socket.send("publish", m -> m.put("sdp", offer)), "publish-answer");
        Libwebrtc.applyAnswer(publisher, answer.get("sdp").asString());
        synchronized (this) {
            if (!generating) {
                generating = true;
                if (cameraOption.steady()) {
                    camera.startSteady(FRAMES_PER_SECOND);
                } else {
                    camera.start(FRAMES_PER_SECOND);
                }
            }
        }
    }

    /** Leaves the room (the {@code ok} is consumed). */
    public void leave() {
        socket.replyOfType(socket.send("leave"), "ok");
    }

    public RTCPeerConnectionState publishState() {
        return publishState;
    }

    public RTCPeerConnectionState subscribeState() {
        return subscribeState;
    }

    public int answeredOffers() {
        return answeredOffers.get();
    }

    /** Subscribe offers this peer could not apply, or whose answer the server refused; empty when all went well. */
    public List<String> negotiationFailures() {
        List<String> failures = new ArrayList<>(negotiationFailures);
        failures.addAll(socket.quietErrors());
        return failures;
    }

    /** Inbound-rtp stats of one kind ("audio" or "video") by remote participant id. */
    public Map<String, InboundStats> inbound(String kind) throws Exception {
        Map<String, InboundStats> byParticipant = new HashMap<>();
        for (RTCStats stats : Libwebrtc.stats(subscriber)) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() != RTCStatsType.INBOUND_RTP || !kind.equals(values.get("kind"))) {
                continue;
            }
            String owner = streamBySsrc.get(number(values, "ssrc"));
            if (owner != null) {
                InboundStats seen = new InboundStats(number(values, "packetsReceived"), number(values, "packetsLost"),
                        number(values, "framesDecoded"), number(values, "bytesReceived"));
                byParticipant.merge(owner, seen, InboundStats::plus);
            }
        }
        return byParticipant;
    }

    /** What this peer received of one remote participant's track of one kind; zeros when nothing yet. */
    public InboundStats inbound(String remoteParticipantId, String kind) throws Exception {
        return inbound(kind).getOrDefault(remoteParticipantId, InboundStats.NONE);
    }

    /** Total bytes the camera's outbound-rtp has sent (sample twice for a bitrate). */
    public long outboundVideoBytesSent() throws Exception {
        long bytes = 0;
        for (RTCStats stats : Libwebrtc.stats(publisher)) {
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))) {
                bytes += number(stats.getAttributes(), "bytesSent");
            }
        }
        return bytes;
    }

    /** libwebrtc's send-side bandwidth estimate of the publish connection, in bit/s; 0 before it has one. */
    public long availableOutgoingBitrate() throws Exception {
        long best = 0;
        for (RTCStats stats : Libwebrtc.stats(publisher)) {
            if (stats.getType() == RTCStatsType.CANDIDATE_PAIR) {
                best = Math.max(best, number(stats.getAttributes(), "availableOutgoingBitrate"));
            }
        }
        return best;
    }

    /** What the camera sent: frames and key frames encoded, picture-loss requests answered; for failure messages. */
    public String outboundVideoSummary() throws Exception {
        for (RTCStats stats : Libwebrtc.stats(publisher)) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(values.get("kind"))) {
                return label + ": frames=" + number(values, "framesEncoded") + " keyframes="
                        + number(values, "keyFramesEncoded") + " pli=" + number(values, "pliCount") + " bytes="
                        + number(values, "bytesSent");
            }
        }
        return label + ": no video sender";
    }

    /** The camera encoder's target bitrate and the frame size it encodes, for ramp-up diagnostics. */
    public String videoEncoderState() throws Exception {
        for (RTCStats stats : Libwebrtc.stats(publisher)) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(values.get("kind"))) {
                return "target=" + number(values, "targetBitrate") / 1000 + "kbit/s frame=" + values.get("frameWidth")
                        + "x" + values.get("frameHeight") + " limitation=" + values.get("qualityLimitationReason");
            }
        }
        return "no video sender";
    }

    /** The camera's send bitrate in bits per second over {@code window}. */
    public long outboundVideoBitrate(Duration window) throws Exception {
        long before = outboundVideoBytesSent();
        Thread.sleep(window.toMillis());
        return (outboundVideoBytesSent() - before) * 8_000 / window.toMillis();
    }

    /** Every stat of the subscribe connection, one per line: for failure messages while debugging. */
    public String dumpInbound() throws Exception {
        StringBuilder dump = new StringBuilder(label).append(" streams=").append(streamBySsrc).append('\n');
        for (RTCStats stats : Libwebrtc.stats(subscriber)) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP || stats.getType() == RTCStatsType.TRANSPORT) {
                dump.append(stats.getType()).append(' ').append(stats.getAttributes()).append('\n');
            }
        }
        return dump.toString();
    }

    private void answer(JsonNode offerMessage) {
        String offer = offerMessage.get("sdp").asString();
        try {
            if (!iceConfigured.await(NEGOTIATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                negotiationFailures.add("subscribe-offer arrived, but no TURN servers were ever applied");
                return;
            }
            String answer = Libwebrtc.answer(subscriber, offer);
            streamBySsrc.putAll(RemoteStreams.bySsrc(offer));
            String id = socket.sendQuiet("subscribe-answer", m -> m.put("sdp", answer));
            JsonNode reply = socket.quietReply(id, NEGOTIATION_WAIT);
            // An error reply is already among the socket's quiet errors.
            if (reply == null) {
                negotiationFailures.add("subscribe-answer: no reply");
            } else if (!"ok".equals(reply.path("type").asString()) && !"error".equals(reply.path("type").asString())) {
                negotiationFailures.add("subscribe-answer answered with " + SignalingSocket.brief(reply));
            }
            answeredOffers.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            negotiationFailures.add("subscribe-offer not applied: " + e);
        }
    }

    private static long number(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static PeerConnectionObserver observer(Consumer<RTCPeerConnectionState> states) {
        return new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                // The relay is ICE-lite: it learns the client's address from its checks, never from candidates.
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                states.accept(state);
            }
        };
    }

    private ThreadFactory threads(String role) {
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + label + "-" + role);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops generating and negotiating, closes the socket and both connections, and disposes the natives. */
    @Override
    public void close() throws InterruptedException {
        camera.stop();
        timers.shutdownNow();
        negotiation.shutdownNow();
        timers.awaitTermination(5, TimeUnit.SECONDS);
        negotiation.awaitTermination(5, TimeUnit.SECONDS);
        socket.close();
        publisher.close();
        subscriber.close();
        camera.close();
        factory.dispose();
        audioDevice.dispose();
    }
}

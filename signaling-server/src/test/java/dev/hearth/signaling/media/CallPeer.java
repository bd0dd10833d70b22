package dev.hearth.signaling.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated browser in a call: a signaling WebSocket speaking docs/protocol.md, a libwebrtc publish
 * connection sending a microphone and a camera, and a libwebrtc subscribe connection that answers every
 * {@code subscribe-offer} the server sends. Stats are attributed to remote participants by the msid stream id
 * the relay gives their tracks.
 *
 * <p>One {@link PeerConnectionFactory} and one {@link HeadlessAudioDeviceModule} per peer, as one browser has:
 * several factories side by side in one JVM are fine, and each is disposed with its peer. Audio is the headless
 * module's recorded silence (a {@code CustomAudioSource} pushed from a Java thread aborts the JVM, see the
 * relay's {@code PublishingPeer}); video is a generated moving gradient pushed through a
 * {@link CustomVideoSource}.
 */
final class CallPeer implements AutoCloseable {

    /** Every Java thread a peer starts carries this prefix, so a test can prove none outlives its peer. */
    static final String THREAD_PREFIX = "call-peer-";
    private static final int SMALL_WIDTH = 320;
    private static final int SMALL_HEIGHT = 240;
    private static final int FRAME_MILLIS = 1000 / 20;
    private static final Duration NEGOTIATION_WAIT = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final String label;
    private final int width;
    private final int height;
    /** Sensor-like noise on the picture, so the encoder needs (and uses) the bitrate it is given. */
    private final boolean grainy;
    private long grain = 0x9E37_79B9_7F4A_7C15L;
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CustomVideoSource videoSource = new CustomVideoSource();
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
    private int frameNumber;

    private CallPeer(int port, String cookieHeader, String label, int width, int height, boolean grainy) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.grainy = grainy;
        this.negotiation = Executors.newSingleThreadExecutor(threads("negotiation"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("timers"));
        publisher = factory.createPeerConnection(new RTCConfiguration(), observer(s -> publishState = s));
        subscriber = factory.createPeerConnection(new RTCConfiguration(), observer(s -> subscribeState = s));
        String stream = UUID.randomUUID().toString();
        AudioTrackSource audioSource = factory.createAudioSource(new AudioOptions());
        AudioTrack audio = factory.createAudioTrack(UUID.randomUUID().toString(), audioSource);
        VideoTrack video = factory.createVideoTrack(UUID.randomUUID().toString(), videoSource);
        publisher.addTransceiver(audio, sendOnly(stream));
        publisher.addTransceiver(video, sendOnly(stream));
        socket = SignalingSocket.open(port, cookieHeader, offer -> negotiation.execute(() -> answer(offer)));
        // The server closes a socket after 60 s of silence; a browser pings every 20 s.
        timers.scheduleAtFixedRate(() -> socket.sendQuiet("ping", m -> { }), KEEP_ALIVE.toMillis(),
                KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A member's browser: no session cookie. */
    static CallPeer member(int port, String label) {
        return new CallPeer(port, null, label, SMALL_WIDTH, SMALL_HEIGHT, false);
    }

    /** A member's browser with a camera of the given size whose picture has grain, as a real sensor's has. */
    static CallPeer memberWithCamera(int port, String label, int width, int height) {
        return new CallPeer(port, null, label, width, height, true);
    }

    /** A facilitator's browser, signed in with the given {@code HEARTH_SESSION} cookie. */
    static CallPeer facilitator(int port, String cookieHeader, String label) {
        return new CallPeer(port, cookieHeader, label, SMALL_WIDTH, SMALL_HEIGHT, false);
    }

    String label() {
        return label;
    }

    SignalingSocket socket() {
        return socket;
    }

    /** This peer's participant id once it knocked or entered. */
    String participantId() {
        return participantId;
    }

    /** Facilitator: enters the room directly and returns the {@code admitted} reply. */
    JsonNode enter(String roomId, String firstName) {
        JsonNode admitted = socket.replyOfType(
                socket.send("enter", m -> m.put("roomId", roomId).put("firstName", firstName)), "admitted");
        participantId = admitted.at("/you/participantId").asText();
        return admitted;
    }

    /** Member: knocks with the invite, accepting the agreement; returns the lobby participant id. */
    String knock(String invite, String firstName, int agreementVersion) {
        JsonNode lobby = socket.replyOfType(socket.send("join", m -> m.put("invite", invite)
                .put("firstName", firstName).put("agreementVersion", agreementVersion)), "lobby");
        participantId = lobby.get("participantId").asText();
        return participantId;
    }

    /** Member: waits for the facilitator's admission. */
    JsonNode awaitAdmitted() {
        return socket.expect("admitted");
    }

    /** A reloaded page: takes over an admitted participant's place with its resume token. */
    JsonNode resume(String resumeToken) {
        JsonNode admitted = socket.replyOfType(socket.send("resume", m -> m.put("resumeToken", resumeToken)),
                "admitted");
        participantId = admitted.at("/you/participantId").asText();
        return admitted;
    }

    /** Asks for a subscribe offer, as a page that arrives after the others published does. */
    void requestSubscribeOffer() {
        socket.sendQuiet("ice-restart", m -> { });
    }

    /** Sends the camera and microphone offer, applies the relay's answer and starts generating video. */
    void publish() throws Exception {
        RTCSessionDescription offer = create(publisher, true);
        setLocal(publisher, offer);
        JsonNode answer = socket.replyOfType(socket.send("publish", m -> m.put("sdp", offer.sdp)), "publish-answer");
        setRemote(publisher, new RTCSessionDescription(RTCSdpType.ANSWER, answer.get("sdp").asText()));
        synchronized (this) {
            if (!generating) {
                generating = true;
                timers.scheduleAtFixedRate(this::pushVideo, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Leaves the room (the {@code ok} is consumed). */
    void leave() {
        socket.replyOfType(socket.send("leave"), "ok");
    }

    RTCPeerConnectionState publishState() {
        return publishState;
    }

    RTCPeerConnectionState subscribeState() {
        return subscribeState;
    }

    int answeredOffers() {
        return answeredOffers.get();
    }

    /** Subscribe offers this peer could not apply, or whose answer the server refused; empty when all went well. */
    List<String> negotiationFailures() {
        return List.copyOf(negotiationFailures);
    }

    /** Inbound-rtp stats of one kind ("audio" or "video") by remote participant id. */
    Map<String, InboundStats> inbound(String kind) throws Exception {
        Map<String, InboundStats> byParticipant = new HashMap<>();
        for (RTCStats stats : stats(subscriber)) {
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
    InboundStats inbound(String remoteParticipantId, String kind) throws Exception {
        return inbound(kind).getOrDefault(remoteParticipantId, InboundStats.NONE);
    }

    /** Total bytes the camera's outbound-rtp has sent (sample twice for a bitrate). */
    long outboundVideoBytesSent() throws Exception {
        long bytes = 0;
        for (RTCStats stats : stats(publisher)) {
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))) {
                bytes += number(stats.getAttributes(), "bytesSent");
            }
        }
        return bytes;
    }

    /** libwebrtc's send-side bandwidth estimate of the publish connection, in bit/s; 0 before it has one. */
    long availableOutgoingBitrate() throws Exception {
        long best = 0;
        for (RTCStats stats : stats(publisher)) {
            if (stats.getType() == RTCStatsType.CANDIDATE_PAIR) {
                best = Math.max(best, number(stats.getAttributes(), "availableOutgoingBitrate"));
            }
        }
        return best;
    }

    /** The camera encoder's target bitrate and the frame size it encodes, for ramp-up diagnostics. */
    String videoEncoderState() throws Exception {
        for (RTCStats stats : stats(publisher)) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(values.get("kind"))) {
                return "target=" + number(values, "targetBitrate") / 1000 + "kbit/s frame=" + values.get("frameWidth")
                        + "x" + values.get("frameHeight") + " limitation=" + values.get("qualityLimitationReason");
            }
        }
        return "no video sender";
    }

    /** The camera's send bitrate in bits per second over {@code window}. */
    long outboundVideoBitrate(Duration window) throws Exception {
        long before = outboundVideoBytesSent();
        Thread.sleep(window.toMillis());
        return (outboundVideoBytesSent() - before) * 8_000 / window.toMillis();
    }

    /** Every stat of the subscribe connection, one per line: for failure messages while debugging. */
    String dumpInbound() throws Exception {
        StringBuilder dump = new StringBuilder(label).append(" streams=").append(streamBySsrc).append('\n');
        for (RTCStats stats : stats(subscriber)) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP || stats.getType() == RTCStatsType.TRANSPORT) {
                dump.append(stats.getType()).append(' ').append(stats.getAttributes()).append('\n');
            }
        }
        return dump.toString();
    }

    private void answer(JsonNode offerMessage) {
        String offer = offerMessage.get("sdp").asText();
        try {
            setRemote(subscriber, new RTCSessionDescription(RTCSdpType.OFFER, offer));
            streamBySsrc.putAll(RemoteStreams.bySsrc(offer));
            RTCSessionDescription answer = create(subscriber, false);
            setLocal(subscriber, answer);
            String id = socket.sendQuiet("subscribe-answer", m -> m.put("sdp", answer.sdp));
            JsonNode reply = socket.quietReply(id, NEGOTIATION_WAIT);
            if (reply == null || !"ok".equals(reply.path("type").asText())) {
                negotiationFailures.add("subscribe-answer refused: " + (reply == null ? "no reply" : reply));
            }
            answeredOffers.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            negotiationFailures.add("subscribe-offer not applied: " + e);
        }
    }

    private void pushVideo() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        int shift = frameNumber++;
        fill(buffer.getDataY(), buffer.getStrideY(), width, height, shift);
        if (grainy) {
            addGrain(buffer.getDataY(), buffer.getStrideY(), width, height);
        }
        fill(buffer.getDataU(), buffer.getStrideU(), (width + 1) / 2, (height + 1) / 2, shift * 2);
        fill(buffer.getDataV(), buffer.getStrideV(), (width + 1) / 2, (height + 1) / 2, shift * 3);
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        videoSource.pushFrame(frame);
        frame.release();
    }

    private static void fill(ByteBuffer plane, int stride, int width, int height, int shift) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                plane.put(y * stride + x, (byte) (x + y + shift));
            }
        }
    }

    /** Low-amplitude noise (xorshift, 4 bits per pixel), different in every frame. */
    private void addGrain(ByteBuffer plane, int stride, int width, int height) {
        long state = grain;
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                if ((x & 15) == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                int noise = (int) (state >>> ((x & 15) << 2)) & 0x0F;
                plane.put(row + x, (byte) (plane.get(row + x) + noise));
            }
        }
        grain = state;
    }

    private static List<RTCStats> stats(RTCPeerConnection connection) throws Exception {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        return List.copyOf(report.get(5, TimeUnit.SECONDS).getStats().values());
    }

    private static long number(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static RTCSessionDescription create(RTCPeerConnection connection, boolean offer) throws Exception {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new IllegalStateException("libwebrtc could not create: " + error));
            }
        };
        if (offer) {
            connection.createOffer(new RTCOfferOptions(), observer);
        } else {
            connection.createAnswer(new RTCAnswerOptions(), observer);
        }
        return created.get(NEGOTIATION_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void setLocal(RTCPeerConnection connection, RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, completing(done));
        done.get(NEGOTIATION_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void setRemote(RTCPeerConnection connection, RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setRemoteDescription(description, completing(done));
        done.get(NEGOTIATION_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static SetSessionDescriptionObserver completing(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException("libwebrtc refused the description: " + error));
            }
        };
    }

    private static PeerConnectionObserver observer(java.util.function.Consumer<RTCPeerConnectionState> states) {
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

    private static RTCRtpTransceiverInit sendOnly(String streamId) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        return init;
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
        timers.shutdownNow();
        negotiation.shutdownNow();
        timers.awaitTermination(5, TimeUnit.SECONDS);
        negotiation.awaitTermination(5, TimeUnit.SECONDS);
        socket.close();
        publisher.close();
        subscriber.close();
        videoSource.dispose();
        factory.dispose();
        audioDevice.dispose();
    }
}

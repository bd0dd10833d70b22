package dev.hearth.signaling.recording;

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
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * One simulated browser in a recorded call: a signaling socket, a libwebrtc publish connection sending a
 * microphone (the headless module's silence) and a camera, and a subscribe connection that answers every
 * {@code subscribe-offer}, as a real member's page does.
 *
 * <p>Unlike the media tests' peer, its camera draws each frame's number into the picture ({@link FrameStamp})
 * and remembers when it pushed each frame, so a frame decoded from an export says when it was filmed: that is
 * how the end-to-end test proves nothing filmed while the recording was paused reached the file.
 */
final class StampedCallPeer implements AutoCloseable {

    /** Every Java thread a peer starts carries this prefix, so a test can prove none outlives its peer. */
    static final String THREAD_PREFIX = "stamped-peer-";
    static final int FRAMES_PER_SECOND = 20;
    private static final long FRAME_NANOS = 1_000_000_000L / FRAMES_PER_SECOND;
    /** A tick this late is a dropped frame: within it, push times stay nearer their own tick than the next. */
    private static final long LATE_TICK_NANOS = FRAME_NANOS / 4;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final Duration NEGOTIATION_WAIT = Duration.ofSeconds(10);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final String label;
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final RTCPeerConnection publisher;
    private final RTCPeerConnection subscriber;
    private final PeerSocket socket;
    private final ExecutorService negotiation;
    private final ScheduledExecutorService timers;
    private final List<String> negotiationFailures = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at which each frame number was pushed to the encoder. */
    private final AtomicLongArray pushedAt = new AtomicLongArray(FrameStamp.MODULUS);
    private final AtomicInteger framesPushed = new AtomicInteger();
    private volatile String participantId;
    private volatile RTCPeerConnectionState publishState = RTCPeerConnectionState.NEW;
    private boolean generating;
    private volatile long cameraEpoch;
    /** Camera ticks so far, pushed or dropped; touched only by the timer thread. */
    private long ticks;

    private StampedCallPeer(int port, String cookieHeader, String label) {
        this.label = label;
        this.negotiation = Executors.newSingleThreadExecutor(threads("negotiation"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("timers"));
        publisher = factory.createPeerConnection(new RTCConfiguration(), new StateObserver(s -> publishState = s));
        subscriber = factory.createPeerConnection(new RTCConfiguration(), new StateObserver(s -> { }));
        String stream = UUID.randomUUID().toString();
        AudioTrackSource audioSource = factory.createAudioSource(new AudioOptions());
        AudioTrack audio = factory.createAudioTrack(UUID.randomUUID().toString(), audioSource);
        VideoTrack video = factory.createVideoTrack(UUID.randomUUID().toString(), videoSource);
        publisher.addTransceiver(audio, sendOnly(stream));
        publisher.addTransceiver(video, sendOnly(stream));
        socket = PeerSocket.open(port, cookieHeader, offer -> negotiation.execute(() -> answer(offer)));
        // The server closes a socket after 60 s of silence; a browser pings every 20 s.
        timers.scheduleAtFixedRate(() -> socket.sendQuiet("ping", m -> { }), KEEP_ALIVE.toMillis(),
                KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A member's browser: no session cookie. */
    static StampedCallPeer member(int port, String label) {
        return new StampedCallPeer(port, null, label);
    }

    /** A facilitator's browser, signed in with the given {@code HEARTH_SESSION} cookie. */
    static StampedCallPeer facilitator(int port, String cookieHeader, String label) {
        return new StampedCallPeer(port, cookieHeader, label);
    }

    String label() {
        return label;
    }

    PeerSocket socket() {
        return socket;
    }

    String participantId() {
        return participantId;
    }

    /** Facilitator: enters the room directly. */
    void enter(String roomId, String firstName) {
        JsonNode admitted = socket.replyOfType(
                socket.send("enter", m -> m.put("roomId", roomId).put("firstName", firstName)), "admitted");
        participantId = admitted.at("/you/participantId").asText();
    }

    /** Member: knocks with the invite, accepting the agreement. */
    void knock(String invite, String firstName, int agreementVersion) {
        JsonNode lobby = socket.replyOfType(socket.send("join", m -> m.put("invite", invite)
                .put("firstName", firstName).put("agreementVersion", agreementVersion)), "lobby");
        participantId = lobby.get("participantId").asText();
    }

    /** Sends the camera and microphone offer, applies the relay's answer and starts the camera. */
    void publish() throws Exception {
        RTCSessionDescription offer = create(publisher, true);
        setLocal(publisher, offer);
        JsonNode answer = socket.replyOfType(socket.send("publish", m -> m.put("sdp", offer.sdp)), "publish-answer");
        setRemote(publisher, new RTCSessionDescription(RTCSdpType.ANSWER, answer.get("sdp").asText()));
        synchronized (this) {
            if (!generating) {
                generating = true;
                cameraEpoch = System.nanoTime();
                timers.scheduleAtFixedRate(this::tick, 0, FRAME_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The publish connection's state: CONNECTED once ICE and DTLS are done and the relay receives media. */
    RTCPeerConnectionState publishState() {
        return publishState;
    }

    /** When frame {@code number} was pushed ({@link System#nanoTime()}), or 0 if it never was. */
    long pushedAt(int number) {
        return number >= 0 && number < FrameStamp.MODULUS ? pushedAt.get(number) : 0;
    }

    /** Frames pushed so far whose push time lies in {@code [fromNanos, toNanos)}. */
    int framesPushedBetween(long fromNanos, long toNanos) {
        int count = 0;
        for (int i = 0; i < Math.min(framesPushed.get(), FrameStamp.MODULUS); i++) {
            long at = pushedAt.get(i);
            if (at >= fromNanos && at < toNanos) {
                count++;
            }
        }
        return count;
    }

    int framesPushed() {
        return framesPushed.get();
    }

    /** Subscribe offers this peer could not apply, or whose answer the server refused; empty when all went well. */
    List<String> negotiationFailures() {
        List<String> failures = new ArrayList<>(negotiationFailures);
        failures.addAll(socket.quietErrors());
        return failures;
    }

    private void answer(JsonNode offerMessage) {
        try {
            setRemote(subscriber, new RTCSessionDescription(RTCSdpType.OFFER, offerMessage.get("sdp").asText()));
            RTCSessionDescription answer = create(subscriber, false);
            setLocal(subscriber, answer);
            socket.sendQuiet("subscribe-answer", m -> m.put("sdp", answer.sdp));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            negotiationFailures.add("subscribe-offer not applied: " + e);
        }
    }

    /**
     * One tick of the camera's clock. CustomVideoSource stamps a frame with the time it is pushed, so the frame
     * times the encoder sees are push times: a tick that runs late (a stalled, loaded machine) is dropped, as a
     * camera drops a frame nobody collected, rather than pushed in a catch-up burst 1 ms after the one before. The
     * frames that are sent then keep the steady 20 fps cadence a real camera's capture clock has.
     */
    private void tick() {
        long due = cameraEpoch + ticks++ * FRAME_NANOS;
        if (System.nanoTime() - due > LATE_TICK_NANOS) {
            return;
        }
        pushVideo();
    }

    private void pushVideo() {
        int number = framesPushed.get();
        if (number >= FrameStamp.MODULUS) {
            // The stamp would wrap and stop naming one instant; no test call lasts this long.
            return;
        }
        NativeI420Buffer buffer = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        FrameStamp.paint(buffer.getDataY(), buffer.getStrideY(), WIDTH, HEIGHT, number);
        FrameStamp.paintNeutral(buffer.getDataU(), buffer.getStrideU(), (WIDTH + 1) / 2, (HEIGHT + 1) / 2);
        FrameStamp.paintNeutral(buffer.getDataV(), buffer.getStrideV(), (WIDTH + 1) / 2, (HEIGHT + 1) / 2);
        long now = System.nanoTime();
        VideoFrame frame = new VideoFrame(buffer, now);
        pushedAt.set(number, now);
        framesPushed.incrementAndGet();
        videoSource.pushFrame(frame);
        frame.release();
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

    private record StateObserver(Consumer<RTCPeerConnectionState> states) implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // The relay is ICE-lite: it learns the client's address from its checks, never from candidates.
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            states.accept(state);
        }
    }

    /** Stops the camera and negotiation, closes the socket and both connections, and disposes the natives. */
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

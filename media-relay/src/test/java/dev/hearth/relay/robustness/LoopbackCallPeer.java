package dev.hearth.relay.robustness;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A libwebrtc participant talking to the relay's {@code RelayControl} directly (no signaling): a publish
 * connection with the headless audio device's microphone and a generated camera, and a subscribe connection
 * that answers the relay's offers. One factory and audio device per peer, disposed on {@link #close()}.
 */
final class LoopbackCallPeer implements AutoCloseable {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final long WAIT_SECONDS = 10;

    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final RTCPeerConnection publisher;
    private final RTCPeerConnection subscriber;
    private final ScheduledExecutorService camera;
    private int frameNumber;

    LoopbackCallPeer(String name) {
        publisher = factory.createPeerConnection(new RTCConfiguration(), candidate -> { });
        subscriber = factory.createPeerConnection(new RTCConfiguration(), candidate -> { });
        String stream = UUID.randomUUID().toString();
        publisher.addTransceiver(factory.createAudioTrack(UUID.randomUUID().toString(),
                factory.createAudioSource(new AudioOptions())), sendOnly(stream));
        publisher.addTransceiver(factory.createVideoTrack(UUID.randomUUID().toString(), videoSource),
                sendOnly(stream));
        camera = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "loopback-peer-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The publish offer, already set as local description. */
    String publishOffer() throws Exception {
        RTCSessionDescription offer = create(publisher, true);
        set(publisher, offer, true);
        return offer.sdp;
    }

    /** Applies the relay's answer and starts the camera (20 fps). */
    void publishAnswer(String sdp) throws Exception {
        set(publisher, new RTCSessionDescription(RTCSdpType.ANSWER, sdp), false);
        camera.scheduleAtFixedRate(this::pushVideo, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** Applies a subscribe offer and returns the answer, already set as local description. */
    String answerSubscribeOffer(String sdp) throws Exception {
        set(subscriber, new RTCSessionDescription(RTCSdpType.OFFER, sdp), false);
        RTCSessionDescription answer = create(subscriber, false);
        set(subscriber, answer, true);
        return answer.sdp;
    }

    /** Frames decoded over every inbound video stream of the subscribe connection. */
    long framesDecoded() throws Exception {
        long frames = 0;
        for (RTCStats stats : stats(subscriber)) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))
                    && stats.getAttributes().get("framesDecoded") instanceof Number n) {
                frames += n.longValue();
            }
        }
        return frames;
    }

    private void pushVideo() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        int shift = frameNumber++;
        fill(buffer.getDataY(), buffer.getStrideY(), WIDTH, HEIGHT, shift);
        fill(buffer.getDataU(), buffer.getStrideU(), WIDTH / 2, HEIGHT / 2, shift * 2);
        fill(buffer.getDataV(), buffer.getStrideV(), WIDTH / 2, HEIGHT / 2, shift * 3);
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

    private static List<RTCStats> stats(RTCPeerConnection connection) throws Exception {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        return List.copyOf(report.get(WAIT_SECONDS, TimeUnit.SECONDS).getStats().values());
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
        return created.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void set(RTCPeerConnection connection, RTCSessionDescription description, boolean local)
            throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException("libwebrtc refused: " + error));
            }
        };
        if (local) {
            connection.setLocalDescription(description, observer);
        } else {
            connection.setRemoteDescription(description, observer);
        }
        done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static RTCRtpTransceiverInit sendOnly(String streamId) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        return init;
    }

    @Override
    public void close() throws InterruptedException {
        camera.shutdownNow();
        camera.awaitTermination(5, TimeUnit.SECONDS);
        publisher.close();
        subscriber.close();
        videoSource.dispose();
        factory.dispose();
        audioDevice.dispose();
    }
}

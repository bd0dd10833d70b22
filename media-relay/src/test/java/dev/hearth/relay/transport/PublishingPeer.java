package dev.hearth.relay.transport;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real libwebrtc peer publishing one audio and one video track fed with generated media, as a browser's
 * publish connection does. {@link #close()} stops the generator and disposes every native object.
 *
 * <p>Audio comes from the headless audio device module, which records 10 ms of silence at a time on its own
 * thread and drives every audio sender. A {@code CustomAudioSource} pushing from a second thread trips
 * libwebrtc's race check in {@code AudioSendStream::SendAudioData} and aborts the JVM, so there is none.
 * Video frames are generated here and pushed through a {@code CustomVideoSource}.
 */
final class PublishingPeer implements AutoCloseable {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    final CountDownLatch connected = new CountDownLatch(1);
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final RTCPeerConnection connection;
    private final ScheduledExecutorService generators = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "media-generator");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private int frameNumber;

    PublishingPeer() {
        connection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                // The relay is ICE-lite and never needs the client's candidates: checks reveal them.
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState newState) {
                state = newState;
                if (newState == RTCPeerConnectionState.CONNECTED) {
                    connected.countDown();
                }
            }
        });
        AudioTrackSource audioSource = factory.createAudioSource(new AudioOptions());
        AudioTrack audio = factory.createAudioTrack("audio-0", audioSource);
        VideoTrack video = factory.createVideoTrack("video-0", videoSource);
        connection.addTransceiver(audio, sendOnly());
        connection.addTransceiver(video, sendOnly());
    }

    RTCPeerConnectionState state() {
        return state;
    }

    String createOfferAndSetLocal() throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                offer.complete(description);
            }

            @Override
            public void onFailure(String error) {
                offer.completeExceptionally(new AssertionError("createOffer failed: " + error));
            }
        });
        RTCSessionDescription description = offer.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> set = new CompletableFuture<>();
        connection.setLocalDescription(description, observe(set));
        set.get(10, TimeUnit.SECONDS);
        return description.sdp;
    }

    void setAnswer(String sdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        connection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), observe(set));
        set.get(10, TimeUnit.SECONDS);
    }

    /** Starts 30 fps video frames (a moving gradient). */
    void startMedia() {
        generators.scheduleAtFixedRate(this::pushVideo, 0, 33, TimeUnit.MILLISECONDS);
    }

    /** The outbound-rtp stats of the video sender, e.g. {@code pliCount}; 0 when not reported yet. */
    long videoOutboundStat(String name) throws Exception {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        for (RTCStats stats : report.get(5, TimeUnit.SECONDS).getStats().values()) {
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))
                    && stats.getAttributes().get(name) instanceof Number value) {
                return value.longValue();
            }
        }
        return 0;
    }

    private void pushVideo() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        int shift = frameNumber++;
        fill(buffer.getDataY(), buffer.getStrideY(), WIDTH, HEIGHT, shift);
        fill(buffer.getDataU(), buffer.getStrideU(), (WIDTH + 1) / 2, (HEIGHT + 1) / 2, shift * 2);
        fill(buffer.getDataV(), buffer.getStrideV(), (WIDTH + 1) / 2, (HEIGHT + 1) / 2, shift * 3);
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

    private static RTCRtpTransceiverInit sendOnly() {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("stream-0");
        return init;
    }

    private static SetSessionDescriptionObserver observe(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new AssertionError("libwebrtc refused: " + error));
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        generators.shutdownNow();
        generators.awaitTermination(2, TimeUnit.SECONDS);
        connection.close();
        videoSource.dispose();
        factory.dispose();
        audioDevice.dispose();
    }
}

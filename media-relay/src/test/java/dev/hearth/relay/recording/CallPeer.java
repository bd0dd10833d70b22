package dev.hearth.relay.recording;

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
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
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
 * A libwebrtc participant that publishes a microphone (the headless audio device's silence, encoded as Opus) and a
 * camera (generated frames, VP8) to the relay, the way a browser would.
 */
final class CallPeer implements AutoCloseable {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    final CountDownLatch connected = new CountDownLatch(1);
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final RTCPeerConnection connection;
    private final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-camera");
        thread.setDaemon(true);
        return thread;
    });
    private final int seed;
    private int frame;

    CallPeer(int seed) {
        this.seed = seed;
        connection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                // The relay is ICE-lite: it learns the client's address from its checks.
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.countDown();
                }
            }
        });
        AudioTrack audio = factory.createAudioTrack("mic", factory.createAudioSource(new AudioOptions()));
        VideoTrack video = factory.createVideoTrack("cam", videoSource);
        connection.addTransceiver(audio, sendOnly());
        connection.addTransceiver(video, sendOnly());
    }

    String offer() throws Exception {
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
        connection.setLocalDescription(description, observer(set));
        set.get(10, TimeUnit.SECONDS);
        return description.sdp;
    }

    void answer(String sdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        connection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), observer(set));
        set.get(10, TimeUnit.SECONDS);
        camera.scheduleAtFixedRate(this::pushFrame, 0, 33, TimeUnit.MILLISECONDS);
    }

    private void pushFrame() {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        int shift = frame++ + seed * 50;
        paint(buffer.getDataY(), buffer.getStrideY(), WIDTH, HEIGHT, shift);
        paint(buffer.getDataU(), buffer.getStrideU(), WIDTH / 2, HEIGHT / 2, seed * 60);
        paint(buffer.getDataV(), buffer.getStrideV(), WIDTH / 2, HEIGHT / 2, shift / 2);
        VideoFrame video = new VideoFrame(buffer, System.nanoTime());
        videoSource.pushFrame(video);
        video.release();
    }

    private static void paint(ByteBuffer plane, int stride, int width, int height, int shift) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                plane.put(y * stride + x, (byte) (x / 2 + y + shift));
            }
        }
    }

    private static RTCRtpTransceiverInit sendOnly() {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("stream");
        return init;
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> result) {
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
        camera.shutdownNow();
        camera.awaitTermination(2, TimeUnit.SECONDS);
        connection.close();
        videoSource.dispose();
        factory.dispose();
        audioDevice.dispose();
    }
}

package dev.hearth.relay.robustness;

import dev.hearth.relay.libwebrtc.GeneratedCamera;
import dev.hearth.relay.libwebrtc.Libwebrtc;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.UUID;

/**
 * A libwebrtc participant talking to the relay's {@code RelayControl} directly (no signaling): a publish
 * connection with the headless audio device's microphone and a generated camera, and a subscribe connection
 * that answers the relay's offers. One factory and audio device per peer, disposed on {@link #close()}.
 */
final class LoopbackCallPeer implements AutoCloseable {

    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final GeneratedCamera camera;
    private final RTCPeerConnection publisher;
    private final RTCPeerConnection subscriber;

    LoopbackCallPeer(String name) {
        camera = new GeneratedCamera("loopback-peer-" + name, name.hashCode() & 0xff);
        publisher = factory.createPeerConnection(new RTCConfiguration(), candidate -> { });
        subscriber = factory.createPeerConnection(new RTCConfiguration(), candidate -> { });
        String stream = UUID.randomUUID().toString();
        publisher.addTransceiver(factory.createAudioTrack(UUID.randomUUID().toString(),
                factory.createAudioSource(new AudioOptions())), Libwebrtc.sendOnly(stream));
        publisher.addTransceiver(factory.createVideoTrack(UUID.randomUUID().toString(), camera.source()),
                Libwebrtc.sendOnly(stream));
    }

    /** The publish offer, already set as local description. */
    String publishOffer() throws Exception {
        return Libwebrtc.offer(publisher);
    }

    /** Applies the relay's answer and starts the camera (20 fps). */
    void publishAnswer(String sdp) throws Exception {
        Libwebrtc.applyAnswer(publisher, sdp);
        camera.start(20);
    }

    /** Applies a subscribe offer and returns the answer, already set as local description. */
    String answerSubscribeOffer(String sdp) throws Exception {
        return Libwebrtc.answer(subscriber, sdp);
    }

    /** Frames decoded over every inbound video stream of the subscribe connection. */
    long framesDecoded() throws Exception {
        long frames = 0;
        for (RTCStats stats : Libwebrtc.stats(subscriber)) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))
                    && stats.getAttributes().get("framesDecoded") instanceof Number n) {
                frames += n.longValue();
            }
        }
        return frames;
    }

    @Override
    public void close() throws InterruptedException {
        camera.stop();
        publisher.close();
        subscriber.close();
        camera.close();
        factory.dispose();
        audioDevice.dispose();
    }
}

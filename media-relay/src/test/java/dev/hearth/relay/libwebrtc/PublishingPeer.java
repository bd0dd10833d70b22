package dev.hearth.relay.libwebrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.concurrent.CountDownLatch;

/**
 * A real libwebrtc peer publishing one audio and one video track, as a browser's publish connection does.
 * {@link #close()} stops the camera and disposes every native object.
 *
 * <p>Audio comes from the headless audio device module, which records 10 ms of silence at a time on its own
 * thread and drives every audio sender. A {@code CustomAudioSource} pushing from a second thread trips
 * libwebrtc's race check in {@code AudioSendStream::SendAudioData} and aborts the JVM, so there is none.
 */
public final class PublishingPeer implements AutoCloseable {

    public final CountDownLatch connected = new CountDownLatch(1);
    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final GeneratedCamera camera;
    private final RTCPeerConnection connection;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    public PublishingPeer() {
        this(0);
    }

    /** {@code seed} makes this peer's picture differ from other peers'. */
    public PublishingPeer(int seed) {
        this(seed, new RTCConfiguration());
    }

    /** A peer whose port allocator gathers TCP host candidates only, as a browser on a network that drops UDP. */
    public static PublishingPeer tcpOnly(int seed) {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.portAllocatorConfig = new PortAllocatorConfig()
                .setDisableUdp(true)
                .setDisableStun(true)
                .setDisableRelay(true);
        return new PublishingPeer(seed, configuration);
    }

    private PublishingPeer(int seed, RTCConfiguration configuration) {
        camera = new GeneratedCamera("publisher-" + seed, seed);
        connection = factory.createPeerConnection(configuration, new PeerConnectionObserver() {
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
        AudioTrack audio = factory.createAudioTrack("audio-" + seed, factory.createAudioSource(new AudioOptions()));
        VideoTrack video = factory.createVideoTrack("video-" + seed, camera.source());
        connection.addTransceiver(audio, Libwebrtc.sendOnly("stream-" + seed));
        connection.addTransceiver(video, Libwebrtc.sendOnly("stream-" + seed));
    }

    public RTCPeerConnectionState state() {
        return state;
    }

    public String createOfferAndSetLocal() throws Exception {
        return Libwebrtc.offer(connection);
    }

    public void setAnswer(String sdp) throws Exception {
        Libwebrtc.applyAnswer(connection, sdp);
    }

    /** Starts 30 fps video. */
    public void startMedia() {
        camera.start(30);
    }

    /**
     * The selected candidate pair's local candidate protocol ({@code "udp"} or {@code "tcp"}) from getStats, or
     * null before one is selected.
     */
    public String selectedLocalProtocol() throws Exception {
        java.util.List<RTCStats> all = Libwebrtc.stats(connection);
        String pairId = null;
        for (RTCStats stats : all) {
            if (stats.getType() == RTCStatsType.TRANSPORT) {
                Object selected = stats.getAttributes().get("selectedCandidatePairId");
                pairId = selected == null ? null : selected.toString();
            }
        }
        String localId = null;
        for (RTCStats stats : all) {
            if (stats.getType() == RTCStatsType.CANDIDATE_PAIR && stats.getId().equals(pairId)) {
                localId = String.valueOf(stats.getAttributes().get("localCandidateId"));
            }
        }
        for (RTCStats stats : all) {
            if (stats.getType() == RTCStatsType.LOCAL_CANDIDATE && stats.getId().equals(localId)) {
                return String.valueOf(stats.getAttributes().get("protocol"));
            }
        }
        return null;
    }

    /** The outbound-rtp stats of the video sender, e.g. {@code pliCount}; 0 when not reported yet. */
    public long videoOutboundStat(String name) throws Exception {
        for (RTCStats stats : Libwebrtc.stats(connection)) {
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(stats.getAttributes().get("kind"))
                    && stats.getAttributes().get(name) instanceof Number value) {
                return value.longValue();
            }
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        camera.stop();
        connection.close();
        camera.close();
        factory.dispose();
        audioDevice.dispose();
    }
}

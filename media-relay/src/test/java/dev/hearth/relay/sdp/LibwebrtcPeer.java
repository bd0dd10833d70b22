package dev.hearth.relay.sdp;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
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
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real libwebrtc peer connection for interop tests, playing the browser. Owns its native factory,
 * sources and tracks; {@link #close()} releases them in reverse order of creation.
 */
final class LibwebrtcPeer implements AutoCloseable {

    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final RTCPeerConnection connection;
    private final List<Runnable> disposals = new ArrayList<>();

    LibwebrtcPeer() {
        connection = factory.createPeerConnection(new RTCConfiguration(), candidate -> {
        });
    }

    /** Adds a sendonly audio and a sendonly video track in one stream, as a publishing browser does. */
    LibwebrtcPeer withAudioAndVideoSenders(String streamId) {
        AudioTrackSource audioSource = factory.createAudioSource(new AudioOptions());
        AudioTrack audio = factory.createAudioTrack("audio-" + streamId, audioSource);
        CustomVideoSource videoSource = new CustomVideoSource();
        VideoTrack video = factory.createVideoTrack("video-" + streamId, videoSource);
        // The tracks belong to their senders once added; closing the connection releases them.
        disposals.add(videoSource::dispose);
        connection.addTransceiver(audio, sendOnly(streamId));
        connection.addTransceiver(video, sendOnly(streamId));
        return this;
    }

    /** Adds one more sendonly video track, as a browser does when screen sharing starts. */
    LibwebrtcPeer withExtraVideoSender(String streamId, String trackId) {
        CustomVideoSource videoSource = new CustomVideoSource();
        VideoTrack video = factory.createVideoTrack(trackId, videoSource);
        disposals.add(videoSource::dispose);
        connection.addTransceiver(video, sendOnly(streamId));
        return this;
    }

    LibwebrtcPeer withDataChannel() {
        connection.createDataChannel("chat", new RTCDataChannelInit());
        return this;
    }

    String createOfferAndSetLocal() throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), describe(offer));
        RTCSessionDescription description = await(offer);
        setLocal(description);
        return description.sdp;
    }

    /**
     * Creates an offer, lets {@code munge} rewrite it (as applications did to enable simulcast before
     * {@code sendEncodings} had rids) and sets the result as the local description; returns what was set.
     */
    String createOfferMungeAndSetLocal(java.util.function.UnaryOperator<String> munge) throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), describe(offer));
        String sdp = munge.apply(await(offer).sdp);
        setLocal(new RTCSessionDescription(RTCSdpType.OFFER, sdp));
        return sdp;
    }

    String createAnswerAndSetLocal() throws Exception {
        CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), describe(answer));
        RTCSessionDescription description = await(answer);
        setLocal(description);
        return description.sdp;
    }

    /** Applies a remote description; fails the test with libwebrtc's own message if it is refused. */
    void setRemote(RTCSdpType type, String sdp) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            connection.setRemoteDescription(new RTCSessionDescription(type, sdp), observe(done));
        } catch (Error parseFailure) {
            // webrtc-java throws straight from native code when the text does not parse at all.
            throw new LibwebrtcRefusal(parseFailure.getMessage());
        }
        await(done);
    }

    RTCPeerConnection connection() {
        return connection;
    }

    private void setLocal(RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, observe(done));
        await(done);
    }

    private static RTCRtpTransceiverInit sendOnly(String streamId) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        return init;
    }

    private static CreateSessionDescriptionObserver describe(CompletableFuture<RTCSessionDescription> result) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new LibwebrtcRefusal(error));
            }
        };
    }

    private static SetSessionDescriptionObserver observe(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new LibwebrtcRefusal(error));
            }
        };
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LibwebrtcRefusal refusal) {
                throw refusal;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("libwebrtc did not answer within 10 s", e);
        }
    }

    @Override
    public void close() {
        connection.close();
        for (int i = disposals.size() - 1; i >= 0; i--) {
            disposals.get(i).run();
        }
        factory.dispose();
        audioDevice.dispose();
    }

    /** libwebrtc said no; its message says why. */
    static final class LibwebrtcRefusal extends Exception {
        LibwebrtcRefusal(String message) {
            super(message);
        }
    }
}

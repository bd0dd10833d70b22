package dev.hearth.relay.libwebrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** libwebrtc's callback API as plain blocking calls, for tests: offer/answer, descriptions, stats. */
public final class Libwebrtc {

    private static final long WAIT_SECONDS = 10;

    private Libwebrtc() {
    }

    /** Creates an offer and sets it as the local description; returns its SDP. */
    public static String offer(RTCPeerConnection connection) throws Exception {
        RTCSessionDescription offer = create(connection, true);
        setLocal(connection, offer);
        return offer.sdp;
    }

    /** Applies a remote offer, creates the answer and sets it locally; returns the answer's SDP. */
    public static String answer(RTCPeerConnection connection, String offerSdp) throws Exception {
        setRemote(connection, new RTCSessionDescription(RTCSdpType.OFFER, offerSdp));
        RTCSessionDescription answer = create(connection, false);
        setLocal(connection, answer);
        return answer.sdp;
    }

    public static void applyAnswer(RTCPeerConnection connection, String answerSdp) throws Exception {
        setRemote(connection, new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp));
    }

    public static RTCSessionDescription create(RTCPeerConnection connection, boolean offer) throws Exception {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new AssertionError("libwebrtc could not create: " + error));
            }
        };
        if (offer) {
            connection.createOffer(new RTCOfferOptions(), observer);
        } else {
            connection.createAnswer(new RTCAnswerOptions(), observer);
        }
        return created.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public static void setLocal(RTCPeerConnection connection, RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, completing(done));
        done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public static void setRemote(RTCPeerConnection connection, RTCSessionDescription description) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setRemoteDescription(description, completing(done));
        done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public static List<RTCStats> stats(RTCPeerConnection connection) throws Exception {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        return List.copyOf(report.get(WAIT_SECONDS, TimeUnit.SECONDS).getStats().values());
    }

    /** A send-only transceiver in the given media stream (its msid). */
    public static RTCRtpTransceiverInit sendOnly(String streamId) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        return init;
    }

    private static SetSessionDescriptionObserver completing(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new AssertionError("libwebrtc refused: " + error));
            }
        };
    }
}

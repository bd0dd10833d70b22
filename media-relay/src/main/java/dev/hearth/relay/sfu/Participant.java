package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.SdpOrigin;
import dev.hearth.relay.sdp.SubscribeOfferer;
import dev.hearth.relay.transport.IceParameters;
import dev.hearth.relay.transport.MediaTransport;
import dev.hearth.relay.transport.MediaTransportListener;

import java.util.ArrayList;
import java.util.List;

/**
 * One participant of a {@link Router}: its publish transport with the producers on it, and its subscribe transport
 * with the consumers on it. Owned by the packet loop; the transport listeners below are how packets enter.
 */
final class Participant {
    /** Bounds what one client can make the relay hold: two cameras and two microphones is already generous. */
    static final int MAX_PRODUCERS = 4;

    private final Router router;
    private final String id;
    private final String streamId;
    private final String cname;
    private final long rtcpSsrc;
    private final List<Producer> producers = new ArrayList<>();
    private final List<Consumer> consumers = new ArrayList<>();
    private boolean closed;
    private boolean audioMuted;
    private boolean held;

    private MediaTransport publishTransport;
    private boolean publishClosed;
    private IceParameters publishRemoteIce;
    private String publishRemoteFingerprint;
    private SdpOrigin publishOrigin;
    private TransportCcRecorder transportCc;
    private int transportCcId;
    private int midExtensionId;
    private long lastReceiverReportNanos;

    private MediaTransport subscribeTransport;
    private boolean subscribeClosed;
    private IceParameters subscribeRemoteIce;
    private String subscribeRemoteFingerprint;
    private SubscribeOfferer offerer;
    private int nextMid;

    final MediaTransportListener publishListener = new MediaTransportListener() {
        @Override
        public void onConnected(MediaTransport transport) {
        }

        @Override
        public void onRtp(MediaTransport transport, byte[] array, int offset, int length, long arrivalNanos) {
            if (isCurrentPublish(transport)) {
                router.forwarder().onPublisherRtp(Participant.this, array, offset, length, arrivalNanos);
            }
        }

        @Override
        public void onRtcp(MediaTransport transport, byte[] array, int offset, int length) {
            if (isCurrentPublish(transport)) {
                router.forwarder().onPublisherRtcp(Participant.this, array, offset, length);
            }
        }

        @Override
        public void onClosed(MediaTransport transport, String reason) {
            if (isCurrentPublish(transport)) {
                publishClosed = true;
                router.transportClosed(Participant.this, reason);
            }
        }
    };

    final MediaTransportListener subscribeListener = new MediaTransportListener() {
        @Override
        public void onConnected(MediaTransport transport) {
            if (isCurrentSubscribe(transport)) {
                router.subscriberConnected(Participant.this);
            }
        }

        @Override
        public void onRtp(MediaTransport transport, byte[] array, int offset, int length, long arrivalNanos) {
            // A subscriber sends no media on its subscribe transport; whatever comes is dropped.
        }

        @Override
        public void onRtcp(MediaTransport transport, byte[] array, int offset, int length) {
            if (isCurrentSubscribe(transport)) {
                router.forwarder().onSubscriberRtcp(Participant.this, array, offset, length);
            }
        }

        @Override
        public void onClosed(MediaTransport transport, String reason) {
            if (isCurrentSubscribe(transport)) {
                subscribeClosed = true;
                consumers.forEach(Consumer::pause);
                router.transportClosed(Participant.this, reason);
            }
        }
    };

    Participant(Router router, String id, String streamId, String cname, long rtcpSsrc) {
        this.router = router;
        this.id = id;
        this.streamId = streamId;
        this.cname = cname;
        this.rtcpSsrc = rtcpSsrc;
    }

    private boolean isCurrentPublish(MediaTransport transport) {
        return !closed && !publishClosed && transport == publishTransport;
    }

    private boolean isCurrentSubscribe(MediaTransport transport) {
        return !closed && !subscribeClosed && transport == subscribeTransport;
    }

    String id() {
        return id;
    }

    Router router() {
        return router;
    }

    /** Random id that groups this participant's tracks at subscribers (msid stream id); says nothing about them. */
    String streamId() {
        return streamId;
    }

    /** Random RTCP CNAME of this participant's forwarded tracks, so subscribers lip-sync its audio and video. */
    String cname() {
        return cname;
    }

    /** The relay's SSRC in RTCP it sends to this participant (PLI, NACK, reports, congestion feedback). */
    long rtcpSsrc() {
        return rtcpSsrc;
    }

    boolean isClosed() {
        return closed;
    }

    List<Producer> producers() {
        return producers;
    }

    List<Consumer> consumers() {
        return consumers;
    }

    Producer producer(String mid) {
        for (Producer p : producers) {
            if (p.mid().equals(mid)) {
                return p;
            }
        }
        return null;
    }

    /** The producer that sends {@code ssrc} as media or RTX, or null. A linear scan: a publisher has few tracks. */
    Producer producerBySsrc(long ssrc) {
        for (int i = 0; i < producers.size(); i++) {
            Producer p = producers.get(i);
            if (p.ssrc() == ssrc || p.rtxSsrc() == ssrc) {
                return p;
            }
        }
        return null;
    }

    /** The consumer that sends {@code ssrc} as media or RTX on the subscribe transport, or null. */
    Consumer consumerBySsrc(long ssrc) {
        for (int i = 0; i < consumers.size(); i++) {
            Consumer c = consumers.get(i);
            if (c.ssrc() == ssrc || c.rtxSsrc() == ssrc) {
                return c;
            }
        }
        return null;
    }

    /** Held: nothing it publishes is forwarded, nothing is forwarded to it. */
    boolean isHeld() {
        return held;
    }

    void setHeld(boolean held) {
        this.held = held;
    }

    /** Whether a producer of this kind drops its packets at ingress now. */
    boolean dropsAtIngress(MediaKind kind) {
        return held || kind == MediaKind.AUDIO && audioMuted;
    }

    boolean isAudioMuted() {
        return audioMuted;
    }

    void setAudioMuted(boolean muted) {
        audioMuted = muted;
    }

    MediaTransport publishTransport() {
        return publishClosed ? null : publishTransport;
    }

    boolean needsPublishTransport() {
        return publishTransport == null || publishClosed;
    }

    void usePublishTransport(MediaTransport transport, TransportCcRecorder recorder) {
        publishTransport = transport;
        publishClosed = false;
        publishRemoteIce = null;
        publishRemoteFingerprint = null;
        transportCc = recorder;
    }

    /** True when the client's ICE or DTLS identity differs from what the transport was last told. */
    boolean publishRemoteChanged(IceParameters ice, String fingerprint) {
        return !ice.equals(publishRemoteIce) || !fingerprint.equals(publishRemoteFingerprint);
    }

    String publishRemoteFingerprint() {
        return publishRemoteFingerprint;
    }

    void restartTransportCc(TransportCcRecorder recorder) {
        transportCc = recorder;
    }

    boolean hasPublishRemote() {
        return publishRemoteIce != null;
    }

    void publishRemote(IceParameters ice, String fingerprint) {
        publishRemoteIce = ice;
        publishRemoteFingerprint = fingerprint;
    }

    SdpOrigin nextPublishOrigin(java.util.function.Supplier<SdpOrigin> fresh) {
        publishOrigin = publishOrigin == null ? fresh.get() : publishOrigin.next();
        return publishOrigin;
    }

    TransportCcRecorder transportCc() {
        return transportCc;
    }

    int transportCcId() {
        return transportCcId;
    }

    int midExtensionId() {
        return midExtensionId;
    }

    void publishExtensionIds(int transportCcId, int midExtensionId) {
        this.transportCcId = transportCcId;
        this.midExtensionId = midExtensionId;
    }

    long lastReceiverReportNanos() {
        return lastReceiverReportNanos;
    }

    void receiverReportSent(long nowNanos) {
        lastReceiverReportNanos = nowNanos;
    }

    MediaTransport subscribeTransport() {
        return subscribeClosed ? null : subscribeTransport;
    }

    boolean needsSubscribeTransport() {
        return subscribeTransport == null || subscribeClosed;
    }

    void useSubscribeTransport(MediaTransport transport, SubscribeOfferer newOfferer) {
        subscribeTransport = transport;
        subscribeClosed = false;
        subscribeRemoteIce = null;
        subscribeRemoteFingerprint = null;
        offerer = newOfferer;
    }

    SubscribeOfferer offerer() {
        return offerer;
    }

    boolean subscribeRemoteChanged(IceParameters ice, String fingerprint) {
        return !ice.equals(subscribeRemoteIce) || !fingerprint.equals(subscribeRemoteFingerprint);
    }

    void subscribeRemote(IceParameters ice, String fingerprint) {
        subscribeRemoteIce = ice;
        subscribeRemoteFingerprint = fingerprint;
    }

    String nextMid() {
        return Integer.toString(nextMid++);
    }

    /** Marks the participant gone and closes both transports; callbacks they raise while closing are ignored. */
    void close() {
        closed = true;
        if (publishTransport != null) {
            publishTransport.close();
        }
        if (subscribeTransport != null) {
            subscribeTransport.close();
        }
    }
}

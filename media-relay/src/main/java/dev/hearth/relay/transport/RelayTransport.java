package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.ClientHelloRecord;
import dev.hearth.relay.dtls.DtlsCloseReason;
import dev.hearth.relay.dtls.DtlsHandshakeException;
import dev.hearth.relay.dtls.DtlsResult;
import dev.hearth.relay.dtls.DtlsServerSession;
import dev.hearth.relay.dtls.Fingerprint;
import dev.hearth.relay.dtls.InvalidFingerprintException;
import dev.hearth.relay.dtls.QueueDatagramTransport;
import dev.hearth.relay.ice.CandidatePair;
import dev.hearth.relay.ice.IceCheckResult;
import dev.hearth.relay.ice.IceLiteAgent;
import dev.hearth.relay.srtp.SrtpKeyMaterial;
import dev.hearth.relay.srtp.SrtpProfile;
import dev.hearth.relay.srtp.SrtpReceiveContext;
import dev.hearth.relay.srtp.SrtpResult;
import dev.hearth.relay.srtp.SrtpSendContext;
import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.wire.Wire;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC transport on the shared port: ICE-lite checks, then a DTLS-SRTP handshake, then SRTP both ways.
 *
 * <p>Per-packet pipeline, in order (each stage counts what it drops, see {@link PacketCounters}):
 * demux (handler) -> route by ufrag or validated address (registry) -> ICE check | DTLS queue | SRTP unprotect
 * -> listener. Outbound: copy into a pooled heap buffer -> SRTP protect in place -> write to the selected
 * pair's client address through the pair's own socket or ICE-TCP connection ({@link PacketPath}).
 *
 * <p>Threading: everything but {@link #close()} and the DTLS callbacks runs on the transport's own packet loop
 * ({@link PacketLoop}; packets other loops read are handed over to it). DTLS callbacks arrive on DTLS threads and
 * hop to the loop; only the DTLS send path ({@link #sendDtls}) writes
 * from a DTLS thread, which Netty allows.
 */
final class RelayTransport implements MediaTransport {

    private static final Logger log = LoggerFactory.getLogger(RelayTransport.class);

    static final String REASON_LOCAL = "local-close";
    static final String REASON_CONSENT = "ice-consent-expired";
    static final String REASON_SHUTDOWN = "relay-shutdown";

    private final UdpMediaServer server;
    private final PacketLoop loop;
    private final String id;
    private final MediaTransportListener listener;
    private final IceLiteAgent agent;
    private final PacketCounters counters = new PacketCounters();

    private volatile IceParameters localIce;
    private Fingerprint remoteFingerprint;
    /** The fingerprint the running DTLS session checks the client's certificate against. */
    private Fingerprint sessionFingerprint;
    /** The ClientHello that started the running DTLS session, where it came from, and in which ICE generation. */
    private ClientHelloRecord sessionHello;
    private InetSocketAddress sessionOrigin;
    private PacketPath sessionOriginPath;
    private int sessionIceGeneration;
    /** Counts ICE restarts, ours ({@link #restartIce}) or the client's (a new remote ufrag). */
    private int iceGeneration;
    private DtlsServerSession dtlsSession;
    // Read by DTLS threads too: a replaced session's late flights (its close_notify) must not reach the new client.
    private volatile QueueDatagramTransport dtlsQueue;
    private SrtpSendContext sendContext;
    private SrtpReceiveContext receiveContext;
    private boolean connected;
    private boolean finished;
    // Read by DTLS threads: where handshake flights go (the selected pair), and whether the transport is gone.
    private volatile CandidatePair dtlsTarget;
    private volatile boolean closed;

    RelayTransport(UdpMediaServer server, PacketLoop loop, String id, IceParameters localIce,
            MediaTransportListener listener, long nowNanos) {
        this.server = server;
        this.loop = loop;
        this.id = id;
        this.localIce = localIce;
        this.listener = listener;
        this.agent = new IceLiteAgent(localIce, nowNanos);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public IceParameters localIce() {
        return localIce;
    }

    @Override
    public String localFingerprint() {
        return server.certificate().fingerprint().toSdpValue();
    }

    @Override
    public List<InetSocketAddress> candidates() {
        return server.candidates(loop.index());
    }

    @Override
    public List<InetSocketAddress> tcpCandidates() {
        return server.tcpCandidates();
    }

    @Override
    public void setRemote(IceParameters remoteIce, String remoteFingerprint) {
        if (remoteIce == null || remoteIce.ufrag() == null || remoteIce.ufrag().isEmpty()) {
            throw new IllegalArgumentException("remote ICE credentials are required");
        }
        Fingerprint fingerprint;
        try {
            fingerprint = Fingerprint.parse(remoteFingerprint);
        } catch (InvalidFingerprintException e) {
            throw new IllegalArgumentException("remote DTLS fingerprint is malformed: " + e.getMessage(), e);
        }
        // Waits for the loop, so that a check arriving right after this returns already finds the client known.
        loop.call(() -> {
            if (!finished) {
                if (agent.remoteUfrag() != null && !agent.remoteUfrag().equals(remoteIce.ufrag())) {
                    iceGeneration++;
                }
                agent.setRemoteUfrag(remoteIce.ufrag());
                this.remoteFingerprint = fingerprint;
                if (dtlsSession != null && !fingerprint.equals(sessionFingerprint)) {
                    restartDtls("a new client certificate");
                }
            }
            return null;
        });
    }

    /**
     * A new client (a reloaded page builds new peer connections; a resumed app comes back on new sockets) can
     * never complete its handshake against the old session, so the old session and its SRTP keys go and the
     * next ClientHello starts a fresh handshake. The transport, its ICE state and everything the SFU hangs on it
     * stay; it reports connected again once the new keys are in place.
     */
    private void restartDtls(String why) {
        DtlsServerSession old = dtlsSession;
        dtlsSession = null;
        dtlsQueue = null;
        sessionFingerprint = null;
        sessionHello = null;
        sessionOrigin = null;
        sessionOriginPath = null;
        sendContext = null;
        receiveContext = null;
        connected = false;
        old.close();
        log.info("transport dtls restarted for {} transport={}", why, id);
    }

    /**
     * Whether {@code hello} is a new client's first flight rather than something for the running session. A
     * client that kept its certificate gives no new fingerprint to go by, so: a ClientHello with a new random
     * (not a retransmission, not a reply to a HelloVerifyRequest), after an ICE restart since the running
     * session started, from an address other than the one that session started from and that passed a check
     * with the credentials of the latest restart. Old-session stragglers fail the address tests (even when they
     * arrive after yet another restart), a resent ClientHello the random test; all of those go to the running
     * session, which ignores what it cannot use.
     */
    private boolean startsNewSession(ClientHelloRecord hello, PacketPath path, InetSocketAddress source) {
        return hello != null && !hello.sameHandshakeAs(sessionHello) && iceGeneration != sessionIceGeneration
                && !(path == sessionOriginPath && source.equals(sessionOrigin))
                && agent.validatedSinceRestart(path, source);
    }

    @Override
    public IceParameters restartIce() {
        IceParameters fresh = loop.call(() -> {
            IceParameters next = server.uniqueCredentials();
            String retired = agent.restart(next);
            iceGeneration++;
            if (retired != null) {
                server.registry().unregisterUfrag(retired, this);
            }
            if (!finished) {
                server.registry().registerUfrag(next.ufrag(), this);
            }
            return next;
        });
        localIce = fresh;
        return fresh;
    }

    @Override
    public boolean isConnected() {
        return connected && !closed;
    }

    @Override
    public boolean sendRtp(byte[] array, int offset, int length) {
        return send(array, offset, length, false);
    }

    @Override
    public boolean sendRtcp(byte[] array, int offset, int length) {
        return send(array, offset, length, true);
    }

    @Override
    public void close() {
        closed = true;
        loop.run(() -> closeNow(REASON_LOCAL));
    }

    /** The packet loop that owns this transport. */
    PacketLoop loop() {
        return loop;
    }

    /** This transport's counters; read them from the packet loop for exact values. */
    PacketCounters counters() {
        return counters;
    }

    IceLiteAgent agent() {
        return agent;
    }

    // ---- inbound, on the packet event loop ----

    void handleCheck(StunMessage request, PacketPath path, InetSocketAddress source, long nowNanos) {
        if (finished || !path.accepts(this)) {
            // An ICE-TCP connection already carries another transport's pair: RFC 6544 pairs are per connection.
            counters.dropped(DropReason.ICE_CHECK_REJECTED);
            return;
        }
        IceCheckResult result = agent.check(request, path, source, nowNanos);
        if (result.retiredUfrag() != null) {
            server.registry().unregisterUfrag(result.retiredUfrag(), this);
        }
        if (result.evicted() != null) {
            unroute(result.evicted());
        }
        if (!result.accepted()) {
            counters.dropped(DropReason.ICE_CHECK_REJECTED);
            loop.stunResponder().answer(request, path, source, result);
            return;
        }
        counters.received();
        path.bind(source, this);
        loop.stunResponder().answer(request, path, source, result);
        dtlsTarget = agent.selectedPair();
        maybeConnected();
    }

    /** An ICE-TCP connection closed: its pair is gone at once, the next-best one takes over. */
    void pathClosed(PacketPath path) {
        if (finished) {
            return;
        }
        List<CandidatePair> gone = agent.forget(path);
        if (!gone.isEmpty()) {
            dtlsTarget = agent.selectedPair();
            // With no pair left the consent check closes the transport, as for a client that went silent.
            log.info("transport pair closed transport={} pairsLeft={}", id, agent.pairs().size());
        }
    }

    void handleDtls(byte[] a, int offset, int length, PacketPath path, InetSocketAddress source) {
        if (finished || remoteFingerprint == null) {
            counters.dropped(DropReason.DTLS_REFUSED);
            return;
        }
        ClientHelloRecord hello = ClientHelloRecord.parse(a, offset, length);
        if (dtlsSession != null && startsNewSession(hello, path, source)) {
            restartDtls("a new ClientHello after an ICE restart");
        }
        if (dtlsSession == null) {
            // Only a ClientHello opens a session: a late record of a replaced client must not start (and fail) one.
            if (hello == null) {
                counters.dropped(DropReason.DTLS_REFUSED);
                return;
            }
            startDtls(hello, path, source);
        }
        // The queue keeps the array and a DTLS thread reads it later: it needs its own copy.
        if (dtlsQueue.offer(Arrays.copyOfRange(a, offset, offset + length))) {
            counters.received();
        } else {
            counters.dropped(DropReason.DTLS_REFUSED);
        }
    }

    void handleRtp(byte[] a, int offset, int length, long arrivalNanos) {
        SrtpReceiveContext context = receiveContext;
        if (context == null || closed) {
            counters.dropped(DropReason.NOT_CONNECTED);
            return;
        }
        int plain = context.unprotectRtp(a, offset, length);
        if (plain < 0) {
            counters.dropped(srtpDrop(plain));
            return;
        }
        counters.received();
        try {
            listener.onRtp(this, a, offset, plain, arrivalNanos);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    void handleRtcp(byte[] a, int offset, int length) {
        SrtpReceiveContext context = receiveContext;
        if (context == null || closed) {
            counters.dropped(DropReason.NOT_CONNECTED);
            return;
        }
        int plain = context.unprotectRtcp(a, offset, length);
        if (plain < 0) {
            counters.dropped(srtpDrop(plain));
            return;
        }
        counters.received();
        try {
            listener.onRtcp(this, a, offset, plain);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private static DropReason srtpDrop(int result) {
        return result == SrtpResult.AUTHENTICATION_FAILED ? DropReason.SRTP_AUTH_FAILED : DropReason.SRTP_REJECTED;
    }

    /** A Binding indication from a routed address: a keepalive that refreshes that pair's consent. */
    void handleKeepalive(PacketPath path, InetSocketAddress source, long nowNanos) {
        if (!finished && agent.keepalive(path, source, nowNanos)) {
            counters.received();
        } else {
            counters.dropped(DropReason.ICE_CHECK_REJECTED);
        }
    }

    /**
     * RFC 7675 per pair: a pair without consent stops carrying media (and is unrouted), the next-best pair
     * takes over, and only when no pair has consent left does the transport close.
     */
    void checkConsent(long nowNanos, long timeoutNanos) {
        if (finished) {
            return;
        }
        List<CandidatePair> expired = agent.expireConsent(nowNanos, timeoutNanos);
        for (int i = 0; i < expired.size(); i++) {
            unroute(expired.get(i));
        }
        if (!agent.hasConsent()) {
            log.info("transport consent expired transport={}", id);
            closeNow(REASON_CONSENT);
        } else if (!expired.isEmpty()) {
            dtlsTarget = agent.selectedPair();
            log.info("transport pair consent expired transport={} expiredPairs={} pairsLeft={}", id, expired.size(),
                    agent.pairs().size());
        }
    }

    private void unroute(CandidatePair pair) {
        ((PacketPath) pair.local()).unbind(pair.remote(), this);
    }

    // ---- outbound ----

    private boolean send(byte[] array, int offset, int length, boolean rtcp) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("send on the transport's packet loop only");
        }
        if (length <= 0 || !Wire.inBounds(array, offset, length)) {
            counters.dropped(DropReason.SRTP_REJECTED);
            return false;
        }
        ByteBuf buffer = sendBuffer(length);
        if (buffer == null) {
            return false;
        }
        int at = buffer.arrayOffset() + buffer.writerIndex();
        System.arraycopy(array, offset, buffer.array(), at, length);
        return protectAndSend(buffer, at, length, rtcp);
    }

    @Override
    public boolean sendRtp(PacketWriter writer, int maxLength) {
        ByteBuf buffer = sendBuffer(maxLength);
        if (buffer == null) {
            return false;
        }
        int at = buffer.arrayOffset() + buffer.writerIndex();
        int length = writer.write(buffer.array(), at, maxLength);
        if (length <= 0) {
            // The writer counts why (a packet too large to forward); nothing left this transport.
            buffer.release();
            return false;
        }
        return protectAndSend(buffer, at, length, false);
    }

    /**
     * A pooled buffer with room for {@code length} plain bytes and the SRTP tag on the selected pair's path, or null
     * (counted) when this transport cannot send now. Owner: the caller, until {@link #protectAndSend} hands it on.
     */
    private ByteBuf sendBuffer(int length) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("send on the transport's packet loop only");
        }
        CandidatePair target = agent.selectedPair();
        if (closed || !connected || sendContext == null || target == null) {
            counters.dropped(DropReason.NOT_CONNECTED);
            return null;
        }
        PacketPath path = (PacketPath) target.local();
        if (!path.writable()) {
            // An ICE-TCP client that reads too slowly: drop as a congested UDP path would, never queue without end.
            counters.dropped(DropReason.PATH_CONGESTED);
            return null;
        }
        return path.allocate(length + SEND_HEADROOM);
    }

    private boolean protectAndSend(ByteBuf buffer, int at, int length, boolean rtcp) {
        SrtpSendContext context = sendContext;
        CandidatePair target = agent.selectedPair();
        byte[] a = buffer.array();
        int protectedLength = rtcp ? context.protectRtcp(a, at, length) : context.protectRtp(a, at, length);
        if (protectedLength < 0) {
            buffer.release();
            counters.dropped(DropReason.SRTP_REJECTED);
            return false;
        }
        buffer.writerIndex(buffer.writerIndex() + protectedLength);
        ((PacketPath) target.local()).send(buffer, target.remote());
        counters.sent();
        loop.countSent();
        return true;
    }

    /** The DTLS queue's sink for {@code queue}; runs on a DTLS thread. */
    private void sendDtls(QueueDatagramTransport queue, byte[] bytes, int offset, int length) {
        CandidatePair target = dtlsTarget;
        if (target == null || closed || queue != dtlsQueue) {
            return;
        }
        PacketPath path = (PacketPath) target.local();
        // BouncyCastle reuses its array after we return, so the bytes go into a buffer the channel will own.
        ByteBuf buffer = path.allocate(length);
        buffer.writeBytes(bytes, offset, length);
        // A normal promise: a write failing during shutdown is recorded on it, not thrown into the pipeline.
        path.sendFromAnyThread(buffer, target.remote());
    }

    // ---- DTLS lifecycle ----

    private void startDtls(ClientHelloRecord hello, PacketPath path, InetSocketAddress source) {
        QueueDatagramTransport[] self = new QueueDatagramTransport[1];
        QueueDatagramTransport queue = new QueueDatagramTransport(
                (bytes, offset, length) -> sendDtls(self[0], bytes, offset, length));
        self[0] = queue;
        dtlsQueue = queue;
        sessionFingerprint = remoteFingerprint;
        sessionHello = hello;
        sessionOrigin = source;
        sessionOriginPath = path;
        sessionIceGeneration = iceGeneration;
        DtlsServerSession session = server.dtls().accept(queue, remoteFingerprint,
                reason -> onDtlsClosed(queue, reason));
        dtlsSession = session;
        session.handshake().whenComplete(
                (result, failure) -> loop.run(() -> onHandshake(session, result, failure)));
    }

    private void onHandshake(DtlsServerSession session, DtlsResult result, Throwable failure) {
        if (finished || session != dtlsSession) {
            return;
        }
        if (failure != null) {
            Throwable cause = failure;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = cause instanceof DtlsHandshakeException dtls ? dtls.code() : "dtls-failed";
            closeNow(reason);
            return;
        }
        SrtpKeyMaterial keys = SrtpKeyMaterial.forServer(SrtpProfile.fromId(result.srtpProfileId()),
                result.keyingMaterial());
        // The relay is the DTLS server: it sends with the server_write keys and receives with client_write.
        sendContext = keys.newSendContext();
        receiveContext = keys.newReceiveContext();
        keys.destroy();
        log.debug("transport srtp ready transport={} profile={}", id, keys.profile());
        maybeConnected();
    }

    private void onDtlsClosed(QueueDatagramTransport queue, DtlsCloseReason reason) {
        if (reason == DtlsCloseReason.LOCAL_CLOSE || reason == DtlsCloseReason.HANDSHAKE_FAILED) {
            return; // we closed it, or onHandshake reports the failure with its precise code
        }
        String text = switch (reason) {
            case PEER_CLOSE_NOTIFY -> "dtls-close-notify";
            case PEER_FATAL_ALERT -> "dtls-fatal-alert";
            default -> "dtls-transport-error";
        };
        // A replaced client saying goodbye (a reloaded page's old connection) does not end the transport.
        loop.run(() -> {
            if (queue == dtlsQueue) {
                closeNow(text);
            }
        });
    }

    private void maybeConnected() {
        if (connected || finished || sendContext == null || agent.selected() == null) {
            return;
        }
        connected = true;
        log.info("transport connected transport={}", id);
        try {
            listener.onConnected(this);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Frees everything at once; idempotent. On the packet event loop. */
    void closeNow(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        connected = false;
        server.registry().remove(this);
        loop.release(this);
        for (CandidatePair pair : agent.pairs()) {
            unroute(pair);
        }
        if (dtlsSession != null) {
            dtlsSession.close();
            dtlsSession = null;
        }
        dtlsQueue = null;
        sendContext = null;
        receiveContext = null;
        log.info("transport closed transport={} reason={} counters={}", id, reason, counters);
        try {
            listener.onClosed(this, reason);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(RuntimeException e) {
        counters.dropped(DropReason.LISTENER_FAILED);
        log.warn("transport listener failed transport={}", id, e);
    }

    @Override
    public String toString() {
        return "RelayTransport[" + id + "]";
    }
}

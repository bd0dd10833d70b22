package dev.hearth.relay.dtls;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC transport's DTLS-SRTP session on the relay, created by {@link DtlsServer#accept}.
 *
 * <p>Life: the handshake runs on a {@link DtlsHandshakeExecutor} thread, blocked in BouncyCastle's
 * {@code DTLSServerProtocol.accept} and fed by the {@link QueueDatagramTransport}. A watchdog fails it after the
 * handshake timeout by closing the transport, which wakes the blocked read and frees the thread.
 *
 * <p>Once established the session holds no thread. Hearth has no data channels, so the only DTLS traffic left
 * is rare: a retransmitted final client flight (our Finished was lost and must be resent), close_notify, or an
 * alert. Each arriving datagram schedules a short drain on the executor that lets BouncyCastle process what is
 * queued and returns; a thread parked per session would cap the relay at the pool size.
 */
public final class DtlsServerSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DtlsServerSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    // How long a drain waits for more datagrams before giving its thread back.
    private static final int DRAIN_WAIT_MILLIS = 1;
    // A peer streaming application data must not keep one shared thread to itself: yield after this many.
    private static final int MAX_RECORDS_PER_DRAIN = 64;

    private static final int MAX_CAUSE_LENGTH = 200;

    private final long id = IDS.incrementAndGet();
    private final QueueDatagramTransport transport;
    private final SrtpDtlsServer tlsServer;
    private final DtlsHandshakeExecutor executor;
    private final DtlsSessionListener listener;
    private final CompletableFuture<DtlsResult> handshake = new CompletableFuture<>();
    // Decides the handshake's one outcome (keys, failure, or local close) when several race.
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    // BouncyCastle's DTLSTransport is not thread-safe: every use after the handshake holds this lock.
    private final Object established = new Object();

    private volatile DTLSTransport dtls;
    private volatile ScheduledFuture<?> watchdog;
    private byte[] drainBuffer;

    DtlsServerSession(QueueDatagramTransport transport, SrtpDtlsServer tlsServer, DtlsHandshakeExecutor executor,
            DtlsSessionListener listener) {
        this.transport = transport;
        this.tlsServer = tlsServer;
        this.executor = executor;
        this.listener = listener;
    }

    /**
     * Completes with the SRTP profile and keys, or exceptionally with a {@link DtlsHandshakeException}.
     * Completed on a DTLS thread: dependants that touch Netty state should hop to their event loop.
     */
    public CompletableFuture<DtlsResult> handshake() {
        return handshake.copy();
    }

    /** A process-unique number, logged with every message about this session. */
    public long id() {
        return id;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Ends the session: an established one sends close_notify, a handshake in progress fails with
     * {@link DtlsFailure#CLOSED} and releases its thread. Never blocks; safe from any thread; idempotent.
     */
    @Override
    public void close() {
        boolean handshakePending = settled.compareAndSet(false, true);
        shutDown(DtlsCloseReason.LOCAL_CLOSE);
        if (handshakePending) {
            handshake.completeExceptionally(new DtlsHandshakeException(DtlsFailure.CLOSED,
                    "session closed before the handshake completed"));
        }
    }

    void start(Duration handshakeTimeout) {
        try {
            watchdog = executor.schedule(this::onHandshakeTimeout, handshakeTimeout);
            executor.execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            failHandshake(new DtlsHandshakeException(DtlsFailure.BUSY,
                    "no DTLS handshake capacity left on this relay", e));
        }
    }

    private void runHandshake() {
        if (closed.get()) {
            return; // timed out or closed while queued
        }
        DTLSTransport accepted;
        try {
            accepted = new DTLSServerProtocol().accept(tlsServer, transport);
        } catch (IOException | RuntimeException e) {
            failHandshake(classify(e));
            return;
        }
        DtlsResult result = tlsServer.result();
        synchronized (established) {
            dtls = accepted;
        }
        if (!settled.compareAndSet(false, true)) {
            // Lost the race against the timeout or a local close, which may not have seen the DTLS transport.
            synchronized (established) {
                closeQuietly(accepted);
            }
            return;
        }
        cancelWatchdog();
        handshake.complete(result);
        log.debug("dtls handshake complete session={} srtpProfile={}", id, result.profile());
        transport.onArrival(this::scheduleDrain);
        scheduleDrain(); // datagrams that arrived while accept() was returning
    }

    private void onHandshakeTimeout() {
        failHandshake(new DtlsHandshakeException(DtlsFailure.HANDSHAKE_TIMEOUT,
                "client did not complete the DTLS handshake in time"));
    }

    private void failHandshake(DtlsHandshakeException failure) {
        if (!settled.compareAndSet(false, true)) {
            return; // e.g. the read that failed because the watchdog closed the transport
        }
        // The root cause at INFO: "internal_error" alone does not tell an operator that, say, a signature
        // algorithm is missing. BouncyCastle's messages name algorithms and alerts, never keys or addresses.
        log.info("dtls handshake failed session={} code={} reason={} cause={}", id, failure.code(),
                failure.getMessage(), rootCause(failure));
        log.debug("dtls handshake failure detail session={}", id, failure.getCause());
        // Closed before the future fails, so whoever observes the failure finds the session already closed.
        shutDown(DtlsCloseReason.HANDSHAKE_FAILED);
        handshake.completeExceptionally(failure);
    }

    /** The innermost cause as "Type: message", one line and bounded; "none" for a failure of our own. */
    static String rootCause(Throwable failure) {
        Throwable root = failure.getCause();
        if (root == null) {
            return "none";
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s+", " ");
        String text = root.getClass().getSimpleName() + message;
        return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH) + "...";
    }

    private DtlsHandshakeException classify(Exception e) {
        DtlsFailure refusal = tlsServer.refusal();
        if (refusal != null) {
            return new DtlsHandshakeException(refusal, e.getMessage(), e);
        }
        if (closed.get()) {
            return new DtlsHandshakeException(DtlsFailure.CLOSED, "session closed during the handshake", e);
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(DtlsFailure.HANDSHAKE_TIMEOUT,
                    "client did not complete the DTLS handshake in time", e);
        }
        if (tlsServer.fatalAlertReceived()) {
            return new DtlsHandshakeException(DtlsFailure.PEER_ALERT, "client aborted the handshake with an alert", e);
        }
        return new DtlsHandshakeException(DtlsFailure.PROTOCOL_ERROR, "DTLS handshake failed: " + e.getMessage(), e);
    }

    private void scheduleDrain() {
        if (closed.get() || !drainScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The datagram stays queued; the next arrival tries again. DTLS retransmits, so nothing is lost.
            drainScheduled.set(false);
            log.debug("dtls drain deferred session={} reason=executor-saturated", id);
        }
    }

    private void drain() {
        DtlsCloseReason ended = null;
        boolean more = false;
        synchronized (established) {
            // Cleared first: a datagram arriving from here on schedules another pass, which waits for this one.
            drainScheduled.set(false);
            if (closed.get()) {
                return;
            }
            DTLSTransport session = dtls;
            try {
                if (drainBuffer == null) {
                    drainBuffer = new byte[session.getReceiveLimit()];
                }
                // Application data is read and discarded: Hearth negotiates no data channels. Each receive also
                // lets BouncyCastle resend our last flight and answer close_notify.
                int received;
                int records = 0;
                do {
                    received = session.receive(drainBuffer, 0, drainBuffer.length, DRAIN_WAIT_MILLIS);
                } while (received >= 0 && !closed.get() && ++records < MAX_RECORDS_PER_DRAIN);
                more = received >= 0;
                if (transport.isClosed()) {
                    ended = peerEndReason();
                }
            } catch (IOException | RuntimeException e) {
                // BouncyCastle closes our transport when the peer ends the session, so the next read throws.
                ended = peerEndReason();
                if (ended == DtlsCloseReason.TRANSPORT_ERROR) {
                    log.debug("dtls session read failed session={}", id, e);
                }
            }
        }
        if (ended != null) {
            shutDown(ended);
        } else if (more) {
            scheduleDrain();
        }
    }

    private DtlsCloseReason peerEndReason() {
        if (tlsServer.fatalAlertReceived()) {
            return DtlsCloseReason.PEER_FATAL_ALERT;
        }
        if (tlsServer.closeNotifyReceived()) {
            return DtlsCloseReason.PEER_CLOSE_NOTIFY;
        }
        return DtlsCloseReason.TRANSPORT_ERROR;
    }

    private void shutDown(DtlsCloseReason reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cancelWatchdog();
        transport.onArrival(null);
        DTLSTransport session = dtls;
        if (session != null && reason == DtlsCloseReason.LOCAL_CLOSE) {
            sendCloseNotify(session);
        } else {
            transport.close();
        }
        log.debug("dtls session closed session={} reason={}", id, reason);
        try {
            listener.onClosed(reason);
        } catch (RuntimeException e) {
            log.warn("dtls close listener failed session={}", id, e);
        }
    }

    private void sendCloseNotify(DTLSTransport session) {
        // Sending goes through BouncyCastle's record layer, which a drain may be using: do it under the lock,
        // on a DTLS thread, so close() itself never waits.
        try {
            executor.execute(() -> {
                synchronized (established) {
                    closeQuietly(session);
                }
            });
        } catch (RejectedExecutionException e) {
            transport.close();
        }
    }

    private void closeQuietly(DTLSTransport session) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            log.debug("dtls close failed session={}", id, e);
        } finally {
            transport.close();
        }
    }

    private void cancelWatchdog() {
        ScheduledFuture<?> timer = watchdog;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

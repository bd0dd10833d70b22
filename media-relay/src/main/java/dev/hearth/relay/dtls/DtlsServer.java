package dev.hearth.relay.dtls;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The relay's DTLS-SRTP server side, one per relay process: it holds the relay certificate, the shared
 * handshake threads and the timing, and starts a {@link DtlsServerSession} for each WebRTC transport. The relay
 * is always the DTLS server ({@code a=setup:passive}).
 */
public final class DtlsServer {

    private final DtlsCertificate certificate;
    private final DtlsHandshakeExecutor executor;
    private final DtlsConfig config;
    // JCA-backed and thread-safe, shared by every handshake. Explicitly on the BouncyCastle provider (an
    // instance, not registered globally): bctls asks the JCA for names such as SHA256WITHRSAANDMGF1 (RSA-PSS)
    // that only BouncyCastle provides, and the JDK's providers would fail every RSA-PSS CertificateVerify.
    private static final Provider PROVIDER = new BouncyCastleProvider();
    private final JcaTlsCrypto crypto = new JcaTlsCryptoProvider().setProvider(PROVIDER).create(new SecureRandom());
    // Outcomes of every handshake, for metrics; written once per handshake by a DTLS thread, never per packet.
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLongArray failures = new AtomicLongArray(DtlsFailure.values().length);

    public DtlsServer(DtlsCertificate certificate, DtlsHandshakeExecutor executor, DtlsConfig config) {
        if (certificate == null || executor == null || config == null) {
            throw new IllegalArgumentException("certificate, executor and config are required");
        }
        this.certificate = certificate;
        this.executor = executor;
        this.config = config;
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    /** The crypto every handshake uses; for tests of what it can verify. */
    JcaTlsCrypto crypto() {
        return crypto;
    }

    /**
     * Starts the handshake for one WebRTC transport; returns at once. The relay keeps offering the transport's
     * DTLS datagrams to {@code transport} and learns the outcome from {@link DtlsServerSession#handshake()}.
     *
     * @param expectedClientFingerprint the fingerprint from the browser's SDP; any other certificate fails
     * @param listener told once when the session ends, for whatever reason
     */
    public DtlsServerSession accept(QueueDatagramTransport transport, Fingerprint expectedClientFingerprint,
            DtlsSessionListener listener) {
        if (transport == null || expectedClientFingerprint == null || listener == null) {
            throw new IllegalArgumentException("transport, expected fingerprint and listener are required");
        }
        SrtpDtlsServer tlsServer = new SrtpDtlsServer(crypto, certificate, expectedClientFingerprint, config);
        DtlsServerSession session = new DtlsServerSession(transport, tlsServer, executor, listener);
        session.handshake().whenComplete((result, failure) -> count(failure));
        session.start(config.handshakeTimeout());
        return session;
    }

    /** Handshakes that produced SRTP keys since start. */
    public long handshakesCompleted() {
        return completed.get();
    }

    /** Handshakes that ended with {@code failure} since start. */
    public long handshakesFailed(DtlsFailure failure) {
        return failures.get(failure.ordinal());
    }

    private void count(Throwable failure) {
        if (failure == null) {
            completed.incrementAndGet();
            return;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        DtlsFailure reason = cause instanceof DtlsHandshakeException dtls ? dtls.failure() : DtlsFailure.PROTOCOL_ERROR;
        failures.incrementAndGet(reason.ordinal());
    }
}

package dev.hearth.bench.net;

import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.dtls.Fingerprint;
import dev.hearth.relay.dtls.QueueDatagramTransport;
import dev.hearth.relay.srtp.SrtpKeyMaterial;
import dev.hearth.relay.srtp.SrtpProfile;
import dev.hearth.relay.srtp.SrtpReceiveContext;
import dev.hearth.relay.srtp.SrtpSendContext;
import dev.hearth.relay.stun.BindingRequest;
import dev.hearth.relay.stun.IceRole;
import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.stun.StunMessageWriter;
import dev.hearth.relay.stun.StunMessages;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;

/**
 * One WebRTC transport of a synthetic participant, what a browser's RTCPeerConnection keeps per BUNDLE group:
 * a UDP socket, ICE as the controlling agent (checks with USE-CANDIDATE, consent refreshes, and answers to the
 * server's own checks when it is a full ICE agent such as Janus' libnice), the DTLS client handshake, then SRTP
 * with the relay's own code in the client role. Datagrams are demultiplexed as RFC 7983 says, on the
 * {@link ReceiveLoop}'s thread.
 */
public final class ClientTransport implements AutoCloseable {

    /** Spare bytes a sender leaves after its RTP packet for the SRTP tag (16 for AES-GCM, 10 for HMAC-SHA1-80). */
    public static final int SRTP_HEADROOM = 16;
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    private final DatagramChannel channel;
    private final DtlsCertificate certificate;
    private final MediaSink sink;
    private final String ufrag;
    private final String password;
    private final long tieBreaker = ThreadLocalRandom.current().nextLong();
    private final BlockingQueue<StunMessage> stunAnswers = new LinkedBlockingQueue<>();
    private final QueueDatagramTransport dtls;
    private final AtomicLong sendFailures = new AtomicLong();
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(2048);
    private final byte[] stunBuffer = new byte[512];
    private volatile SrtpReceiveContext receive;
    private SrtpSendContext send;
    private volatile InetSocketAddress remote;
    private volatile String remoteUfrag;
    private volatile String remotePassword;
    private DTLSTransport dtlsTransport;
    private volatile boolean closed;
    private volatile IceRole role = IceRole.CONTROLLING;

    public ClientTransport(ReceiveLoop loop, InetAddress local, DtlsCertificate certificate, MediaSink sink)
            throws IOException {
        this.certificate = certificate;
        this.sink = sink;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        channel.bind(new InetSocketAddress(local, 0));
        channel.configureBlocking(false);
        String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        this.ufrag = ("b" + random).substring(0, 8);
        this.password = "benchpassword" + random + "0123456789";
        this.dtls = new QueueDatagramTransport((buffer, offset, length) -> write(buffer, offset, length), 64);
        loop.register(this);
    }

    DatagramChannel channel() {
        return channel;
    }

    public String ufrag() {
        return ufrag;
    }

    public String password() {
        return password;
    }

    public String fingerprint() {
        return certificate.fingerprint().toSdpValue();
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code a=candidate} line for this socket, a host candidate as a browser announces it. */
    public String candidateLine() {
        InetSocketAddress a = localAddress();
        return "a=candidate:1 1 udp 2122260223 " + a.getAddress().getHostAddress() + " " + a.getPort() + " typ host";
    }

    public boolean connected() {
        return receive != null;
    }

    /**
     * ICE (checks with USE-CANDIDATE until one succeeds), then the DTLS handshake; blocks until SRTP keys are in
     * place. Call once, off the receive thread.
     */
    public void connect(InetSocketAddress server, String serverUfrag, String serverPassword,
            Fingerprint serverFingerprint, Duration timeout) throws IOException {
        connect(server, serverUfrag, serverPassword, serverFingerprint, timeout, IceRole.CONTROLLING);
    }

    /**
     * As {@link #connect(InetSocketAddress, String, String, Fingerprint, Duration)}, in the given ICE role: a
     * browser answering a full ICE agent's offer (a Janus subscription) is the controlled agent, checks without
     * USE-CANDIDATE and leaves nomination to the server's checks, which it answers.
     */
    public void connect(InetSocketAddress server, String serverUfrag, String serverPassword,
            Fingerprint serverFingerprint, Duration timeout, IceRole role) throws IOException {
        this.role = role;
        this.remoteUfrag = serverUfrag;
        this.remotePassword = serverPassword;
        this.remote = server;
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!check(role == IceRole.CONTROLLING, deadline)) {
            throw new IOException("no ICE answer from " + server + " within " + timeout);
        }
        BenchDtlsClient client = new BenchDtlsClient(certificate, serverFingerprint);
        dtlsTransport = new DTLSClientProtocol().connect(client, dtls);
        SrtpKeyMaterial keys = SrtpKeyMaterial.forClient(SrtpProfile.fromId(client.selectedProfile()),
                client.keyingMaterial());
        synchronized (this) {
            send = keys.newSendContext();
        }
        receive = keys.newReceiveContext();
        keys.destroy();
    }

    /** A consent refresh (RFC 7675): one authenticated check, its answer not awaited. */
    public void refreshConsent() {
        if (remote != null && !closed) {
            sendCheck(false);
        }
    }

    private boolean check(boolean nominate, long deadline) throws IOException {
        try {
            while (System.nanoTime() < deadline && !closed) {
                byte[] transaction = sendCheck(nominate);
                long waitUntil = Math.min(deadline, System.nanoTime() + CHECK_INTERVAL.toNanos());
                for (long left; (left = waitUntil - System.nanoTime()) > 0; ) {
                    StunMessage answer = stunAnswers.poll(left, TimeUnit.NANOSECONDS);
                    if (answer != null && answer.transactionIdEquals(transaction, 0)) {
                        if (answer.isBindingSuccessResponse()) {
                            return true;
                        }
                        break; // an error (e.g. 487 role conflict): try again
                    }
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during ICE", e);
        }
    }

    private byte[] sendCheck(boolean nominate) {
        byte[] transaction = new byte[StunMessages.TRANSACTION_ID_LENGTH];
        ThreadLocalRandom.current().nextBytes(transaction);
        BindingRequest request = new BindingRequest(transaction, remoteUfrag + ":" + ufrag, 0x6E7F1EFFL,
                role, tieBreaker, nominate);
        byte[] buffer = new byte[512];
        int length = request.writeTo(buffer, 0, buffer.length, remotePassword.getBytes(StandardCharsets.UTF_8));
        write(buffer, 0, length);
        return transaction;
    }

    /**
     * Encrypts the RTP packet {@code a[0, length)} in place (leave {@link #SRTP_HEADROOM} spare bytes) and sends it.
     * Returns false when it could not be sent (not connected, socket buffer full).
     */
    public boolean sendRtp(byte[] a, int length) {
        synchronized (this) {
            if (send == null || closed) {
                return false;
            }
            int protectedLength = send.protectRtp(a, 0, length);
            if (protectedLength < 0) {
                sendFailures.incrementAndGet();
                return false;
            }
            return write(a, 0, protectedLength);
        }
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    private boolean write(byte[] a, int offset, int length) {
        InetSocketAddress to = remote;
        if (to == null || closed) {
            return false;
        }
        synchronized (sendBuffer) {
            sendBuffer.clear();
            sendBuffer.put(a, offset, length).flip();
            try {
                if (channel.send(sendBuffer, to) == 0) {
                    sendFailures.incrementAndGet();
                    return false;
                }
                return true;
            } catch (IOException e) {
                sendFailures.incrementAndGet();
                return false;
            }
        }
    }

    /** One datagram from the socket, on the receive loop's thread. */
    void onDatagram(byte[] a, int length, InetSocketAddress from, long nanos) {
        if (length == 0) {
            return;
        }
        int first = a[0] & 0xFF;
        if (first <= 3) {
            onStun(a, length, from);
        } else if (first >= 20 && first <= 63) {
            dtls.offer(Arrays.copyOf(a, length));
        } else if (first >= 128 && first <= 191 && length > 1) {
            int type = a[1] & 0xFF;
            boolean rtcp = type >= 192 && type <= 223;
            SrtpReceiveContext context = receive;
            if (rtcp || context == null) {
                return; // reports and feedback from the server are not what the generator measures
            }
            int plain = context.unprotectRtp(a, 0, length);
            if (plain < 0) {
                sink.rejected();
            } else {
                sink.rtp(a, plain, nanos);
            }
        }
    }

    private void onStun(byte[] a, int length, InetSocketAddress from) {
        StunMessage message = new StunMessage();
        if (!message.wrap(Arrays.copyOf(a, length), 0, length)) {
            return;
        }
        if (message.isBindingSuccessResponse() || message.isBindingErrorResponse()) {
            stunAnswers.add(message);
        } else if (message.isBindingRequest() && message.hasUsername()
                && message.username().startsWith(ufrag + ":")) {
            // A full ICE agent (libnice) checks the pair from its side too; answer as a browser does.
            int answer = new StunMessageWriter().wrap(stunBuffer, 0, stunBuffer.length)
                    .begin(StunMessages.BINDING_SUCCESS_RESPONSE, message.array(), message.transactionIdOffset())
                    .xorMappedAddress(from)
                    .messageIntegrity(password.getBytes(StandardCharsets.UTF_8))
                    .fingerprint()
                    .length();
            if (remote == null) {
                return;
            }
            write(stunBuffer, 0, answer);
        }
    }

    @Override
    public void close() {
        closed = true;
        dtls.close();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}

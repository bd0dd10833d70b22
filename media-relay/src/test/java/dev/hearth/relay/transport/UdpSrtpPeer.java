package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.ClientIdentity;
import dev.hearth.relay.dtls.Fingerprint;
import dev.hearth.relay.dtls.QueueDatagramTransport;
import dev.hearth.relay.dtls.TestDtlsClient;
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
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.DTLSClientProtocol;

/**
 * A WebRTC client reduced to its transport, on a real UDP socket: ICE checks as the controlling agent, a DTLS
 * client handshake with any {@link ClientIdentity} (ECDSA or RSA), then SRTP both ways with the relay's own
 * SRTP code. A reader thread demultiplexes what the relay sends (RFC 7983): STUN answers, DTLS records, SRTP.
 */
final class UdpSrtpPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final ClientIdentity identity;
    private final IceParameters ice;
    private final BlockingQueue<StunMessage> stunAnswers = new LinkedBlockingQueue<>();
    private final QueueDatagramTransport dtls;
    private final AtomicLong rtpReceived = new AtomicLong();
    private final AtomicLong rtpRejected = new AtomicLong();
    private final AtomicLong mediaDatagrams = new AtomicLong();
    private final List<byte[]> sentDtls = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile SrtpReceiveContext receiveContext;
    private SrtpSendContext sendContext;
    private int nextSequence = ThreadLocalRandom.current().nextInt(1 << 15);

    UdpSrtpPeer(InetSocketAddress relay, ClientIdentity identity) throws IOException {
        this(relay, identity, null);
    }

    /** @param ice the ICE credentials of the client agent this socket belongs to, or null for new ones */
    UdpSrtpPeer(InetSocketAddress relay, ClientIdentity identity, IceParameters ice) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.relay = relay;
        this.identity = identity;
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        this.ice = ice != null ? ice
                : new IceParameters("peer" + suffix.substring(0, 4), "peerPassword" + suffix + "0123456789ab");
        this.dtls = new QueueDatagramTransport((buffer, offset, length) -> {
            sentDtls.add(Arrays.copyOfRange(buffer, offset, offset + length));
            send(buffer, offset, length);
        });
        this.reader = new Thread(this::read, "udp-srtp-peer-" + localAddress().getPort());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    IceParameters ice() {
        return ice;
    }

    /** The {@code a=fingerprint} value of this client's certificate. */
    String fingerprint() {
        return identity.fingerprint().toSdpValue();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends one check with the given ICE PRIORITY and returns whether the relay answered it with a success. */
    boolean check(IceParameters relayIce, boolean useCandidate, long priority) throws Exception {
        byte[] transaction = transactionId();
        BindingRequest request = new BindingRequest(transaction, relayIce.ufrag() + ":" + ice.ufrag(), priority,
                IceRole.CONTROLLING, 42, useCandidate);
        byte[] buffer = new byte[512];
        int length = request.writeTo(buffer, 0, buffer.length, relayIce.password().getBytes(StandardCharsets.UTF_8));
        send(buffer, 0, length);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            StunMessage answer = stunAnswers.poll(left, TimeUnit.NANOSECONDS);
            if (answer != null && answer.transactionIdEquals(transaction, 0)) {
                return answer.isBindingSuccessResponse();
            }
        }
        return false;
    }

    /** A Binding indication (RFC 8489 section 6.1), what libnice sends as a keepalive; no answer comes. */
    void sendIndication() throws IOException {
        byte[] buffer = new byte[64];
        int length = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_INDICATION, transactionId(), 0)
                .fingerprint()
                .length();
        send(buffer, 0, length);
    }

    /** Runs the DTLS client handshake against the relay and installs the SRTP contexts it yields. */
    int handshake(Fingerprint relayFingerprint, int... profiles) throws IOException {
        TestDtlsClient client = new TestDtlsClient(identity, relayFingerprint, profiles);
        new DTLSClientProtocol().connect(client, dtls);
        SrtpKeyMaterial keys = SrtpKeyMaterial.forClient(SrtpProfile.fromId(client.selectedProfile()),
                client.keyingMaterial());
        sendContext = keys.newSendContext();
        receiveContext = keys.newReceiveContext();
        keys.destroy();
        return client.selectedProfile();
    }

    /** Sends one SRTP packet (payload type 111, 100 payload bytes) from {@code ssrc}. */
    void sendRtp(int ssrc) throws IOException {
        byte[] packet = rtp(nextSequence++ & 0xFFFF, ssrc, MediaTransport.SEND_HEADROOM);
        int length = sendContext.protectRtp(packet, 0, packet.length - MediaTransport.SEND_HEADROOM);
        send(packet, 0, length);
    }

    /** Sends one SRTP packet from {@code ssrc} whose authentication tag has one bit flipped. */
    void sendTamperedRtp(int ssrc) throws IOException {
        byte[] packet = rtp(nextSequence++ & 0xFFFF, ssrc, MediaTransport.SEND_HEADROOM);
        int length = sendContext.protectRtp(packet, 0, packet.length - MediaTransport.SEND_HEADROOM);
        packet[length - 1] ^= 0x01;
        send(packet, 0, length);
    }

    /** Every DTLS datagram this peer sent, in order: its first is its ClientHello. */
    List<byte[]> sentDtls() {
        return List.copyOf(sentDtls);
    }

    /** Sends raw bytes to the relay, e.g. a replay of an earlier DTLS datagram. */
    void sendRaw(byte[] datagram) {
        send(datagram, 0, datagram.length);
    }

    /** SRTP packets from the relay that decrypted and authenticated. */
    long rtpReceived() {
        return rtpReceived.get();
    }

    /** RTP and RTCP datagrams that reached this socket, whether or not this socket holds their keys. */
    long mediaDatagrams() {
        return mediaDatagrams.get();
    }

    long rtpRejected() {
        return rtpRejected.get();
    }

    /** A plain RTP packet with {@code headroom} spare bytes at the end for the SRTP tag. */
    static byte[] rtp(int sequence, int ssrc, int headroom) {
        byte[] packet = new byte[12 + 100 + headroom];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        packet[8] = (byte) (ssrc >>> 24);
        packet[9] = (byte) (ssrc >>> 16);
        packet[10] = (byte) (ssrc >>> 8);
        packet[11] = (byte) ssrc;
        for (int i = 12; i < 112; i++) {
            packet[i] = (byte) (sequence + i);
        }
        return packet;
    }

    private void send(byte[] buffer, int offset, int length) {
        try {
            socket.send(new DatagramPacket(buffer, offset, length, relay));
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new IllegalStateException("peer send failed", e);
            }
        }
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                continue;
            }
            byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
            int first = datagram.length == 0 ? -1 : datagram[0] & 0xFF;
            if (first >= 0 && first <= 3) {
                StunMessage message = new StunMessage();
                if (message.wrap(datagram, 0, datagram.length)) {
                    stunAnswers.add(message);
                }
            } else if (first >= 20 && first <= 63) {
                dtls.offer(datagram);
            } else if (first >= 128 && first <= 191) {
                mediaDatagrams.incrementAndGet();
                SrtpReceiveContext context = receiveContext;
                int secondByte = datagram.length > 1 ? datagram[1] & 0xFF : 0;
                boolean rtcp = secondByte >= 192 && secondByte <= 223;
                if (context != null && !rtcp) {
                    if (context.unprotectRtp(datagram, 0, datagram.length) >= 0) {
                        rtpReceived.incrementAndGet();
                    } else {
                        rtpRejected.incrementAndGet();
                    }
                }
            }
        }
    }

    private static byte[] transactionId() {
        byte[] id = new byte[StunMessages.TRANSACTION_ID_LENGTH];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }

    @Override
    public void close() {
        dtls.close();
        socket.close();
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

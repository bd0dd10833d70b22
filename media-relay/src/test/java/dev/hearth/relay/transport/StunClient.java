package dev.hearth.relay.transport;

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
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** A browser's ICE agent reduced to what the tests need: a UDP socket that sends checks and reads answers. */
final class StunClient implements AutoCloseable {

    /** How long a test waits before concluding that the relay stayed silent. */
    static final int SILENCE_MILLIS = 300;

    private final DatagramSocket socket;
    private final InetSocketAddress relay;

    StunClient(InetSocketAddress relay) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.relay = relay;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A well-formed check: USERNAME, PRIORITY, ICE-CONTROLLING, optional USE-CANDIDATE, integrity, fingerprint. */
    byte[] check(String username, String password, boolean useCandidate) {
        BindingRequest request = new BindingRequest(transactionId(), username, 0x6E7F00FFL, IceRole.CONTROLLING,
                ThreadLocalRandom.current().nextLong(), useCandidate);
        byte[] buffer = new byte[512];
        int length = request.writeTo(buffer, 0, buffer.length, password.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(buffer, length);
    }

    /** A check built attribute by attribute, to leave things out or add odd ones. */
    byte[] customCheck(String username, String password, boolean fingerprint, int extraAttributeType) {
        byte[] buffer = new byte[512];
        StunMessageWriter writer = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_REQUEST, transactionId(), 0)
                .username(username)
                .priority(0x6E7F00FFL)
                .iceRole(IceRole.CONTROLLING, 42);
        if (extraAttributeType >= 0) {
            writer.attribute(extraAttributeType, new byte[4], 0, 4);
        }
        writer.messageIntegrity(password.getBytes(StandardCharsets.UTF_8));
        if (fingerprint) {
            writer.fingerprint();
        }
        return Arrays.copyOf(buffer, writer.length());
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, relay));
    }

    /** The next datagram from the relay parsed as STUN, or null when none arrives within {@code millis}. */
    StunMessage receive(int millis) throws IOException {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        StunMessage message = new StunMessage();
        if (!message.wrap(Arrays.copyOf(buffer, packet.getLength()), 0, packet.getLength())) {
            throw new AssertionError("relay sent a datagram that is not STUN");
        }
        return message;
    }

    StunMessage exchange(byte[] datagram) throws IOException {
        send(datagram);
        return receive(2_000);
    }

    private static byte[] transactionId() {
        byte[] id = new byte[StunMessages.TRANSACTION_ID_LENGTH];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }

    @Override
    public void close() {
        socket.close();
    }
}

package dev.hearth.relay.transport;

import dev.hearth.relay.stun.StunMessage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** An ICE-TCP client speaking RFC 4571 frames by hand, so tests can also break the framing. */
final class TcpFrameClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    TcpFrameClient(InetSocketAddress relay) throws IOException {
        socket = new Socket();
        socket.connect(relay, 2_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void sendFrame(byte[] packet) throws IOException {
        byte[] frame = new byte[2 + packet.length];
        frame[0] = (byte) (packet.length >>> 8);
        frame[1] = (byte) packet.length;
        System.arraycopy(packet, 0, frame, 2, packet.length);
        out.write(frame);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame's packet, or null when none arrives within {@code millis}. */
    byte[] receiveFrame(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int length = in.readUnsignedShort();
            byte[] packet = new byte[length];
            in.readFully(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    StunMessage receiveStun(int millis) throws IOException {
        byte[] packet = receiveFrame(millis);
        if (packet == null) {
            return null;
        }
        StunMessage message = new StunMessage();
        return message.wrap(packet, 0, packet.length) ? message : null;
    }

    /** Whether the relay closed the connection within {@code millis} (end of stream or a reset). */
    boolean closedByRelay(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

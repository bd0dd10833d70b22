package dev.hearth.relay.sfu;

import dev.hearth.relay.transport.IceParameters;
import dev.hearth.relay.transport.MediaTransport;
import dev.hearth.relay.transport.MediaTransportListener;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MediaTransport} without a network: records what the relay sends, lets a test inject what a client would
 * send, and behaves like the real one where the relay could tell the difference. Sends are refused until
 * {@link #connect}; sent arrays are overwritten after recording (the real transport encrypts in place), and must
 * leave {@link #SEND_HEADROOM}; injected arrays are overwritten after the callback (the real transport reuses them).
 */
final class FakeTransport implements MediaTransport {
    static final String FINGERPRINT = "sha-256 " + "AB:".repeat(31) + "AB";

    private final MediaTransportListener listener;
    private final String id;
    final List<byte[]> sentRtp = new ArrayList<>();
    final List<byte[]> sentRtcp = new ArrayList<>();
    private IceParameters localIce;
    private int restarts;
    IceParameters remoteIce;
    String remoteFingerprint;
    private volatile boolean connected;
    private volatile boolean closed;

    private final List<InetSocketAddress> addresses;

    FakeTransport(MediaTransportListener listener, String id, List<InetSocketAddress> addresses) {
        this.addresses = List.copyOf(addresses);
        this.listener = listener;
        this.id = id;
        this.localIce = new IceParameters("lo" + id + "aaaa", "relaypassword0123456789" + id);
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
        return FINGERPRINT;
    }

    @Override
    public List<InetSocketAddress> candidates() {
        return addresses;
    }

    @Override
    public void setRemote(IceParameters remoteIce, String remoteFingerprint) {
        if (!remoteFingerprint.startsWith("sha-256 ")) {
            throw new IllegalArgumentException("malformed fingerprint");
        }
        this.remoteIce = remoteIce;
        this.remoteFingerprint = remoteFingerprint;
    }

    @Override
    public IceParameters restartIce() {
        restarts++;
        localIce = new IceParameters("re" + restarts + id + "aaa", "restartedpassword012345" + id);
        return localIce;
    }

    @Override
    public boolean isConnected() {
        return connected && !closed;
    }

    @Override
    public synchronized boolean sendRtp(byte[] array, int offset, int length) {
        return record(sentRtp, array, offset, length);
    }

    @Override
    public synchronized boolean sendRtcp(byte[] array, int offset, int length) {
        return record(sentRtcp, array, offset, length);
    }

    private boolean record(List<byte[]> sink, byte[] array, int offset, int length) {
        if (array.length - offset - length < SEND_HEADROOM) {
            throw new AssertionError("caller left no SRTP headroom");
        }
        if (!isConnected()) {
            return false;
        }
        sink.add(Arrays.copyOfRange(array, offset, offset + length));
        Arrays.fill(array, offset, offset + length + SEND_HEADROOM, (byte) 0x5A);
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            listener.onClosed(this, "closed locally");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** ICE and DTLS completed. */
    void connect() {
        connected = true;
        listener.onConnected(this);
    }

    /** The transport failed on its own, e.g. consent expired. */
    void fail(String reason) {
        closed = true;
        listener.onClosed(this, reason);
    }

    void injectRtp(byte[] packet, long arrivalNanos) {
        byte[] buffer = new byte[packet.length + 40];
        System.arraycopy(packet, 0, buffer, 7, packet.length);
        listener.onRtp(this, buffer, 7, packet.length, arrivalNanos);
        Arrays.fill(buffer, (byte) 0x33);
    }

    void injectRtcp(byte[] packet) {
        byte[] buffer = new byte[packet.length + 40];
        System.arraycopy(packet, 0, buffer, 5, packet.length);
        listener.onRtcp(this, buffer, 5, packet.length);
        Arrays.fill(buffer, (byte) 0x33);
    }

    synchronized List<byte[]> takeRtp() {
        List<byte[]> taken = List.copyOf(sentRtp);
        sentRtp.clear();
        return taken;
    }

    synchronized List<byte[]> takeRtcp() {
        List<byte[]> taken = List.copyOf(sentRtcp);
        sentRtcp.clear();
        return taken;
    }
}

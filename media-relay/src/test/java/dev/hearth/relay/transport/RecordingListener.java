package dev.hearth.relay.transport;

import dev.hearth.relay.rtp.RtpPacket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;

/** Remembers what a transport told its listener, for assertions from the test thread. */
final class RecordingListener implements MediaTransportListener {

    /** Per SSRC: packets seen, and the payload types they used. */
    record StreamSeen(AtomicLong packets, List<Integer> payloadTypes) {
    }

    final CountDownLatch connected = new CountDownLatch(1);
    /** Every onConnected: a transport whose client is replaced connects again. */
    final AtomicLong connections = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    final Map<Long, StreamSeen> rtpBySsrc = new ConcurrentHashMap<>();
    final AtomicLong malformedRtp = new AtomicLong();
    final AtomicLong rtcpPackets = new AtomicLong();
    volatile String closeReason;
    private final RtpPacket rtp = new RtpPacket();

    @Override
    public void onConnected(MediaTransport transport) {
        connections.incrementAndGet();
        connected.countDown();
    }

    @Override
    public void onRtp(MediaTransport transport, byte[] array, int offset, int length, long arrivalNanos) {
        if (!rtp.wrap(array, offset, length)) {
            malformedRtp.incrementAndGet();
            return;
        }
        StreamSeen seen = rtpBySsrc.computeIfAbsent(rtp.ssrc(),
                ssrc -> new StreamSeen(new AtomicLong(), new CopyOnWriteArrayList<>()));
        seen.packets().incrementAndGet();
        if (!seen.payloadTypes().contains(rtp.payloadType())) {
            seen.payloadTypes().add(rtp.payloadType());
        }
    }

    @Override
    public void onRtcp(MediaTransport transport, byte[] array, int offset, int length) {
        rtcpPackets.incrementAndGet();
    }

    @Override
    public void onClosed(MediaTransport transport, String reason) {
        closeReason = reason;
        closed.countDown();
    }

    long packetsOf(long ssrc) {
        StreamSeen seen = rtpBySsrc.get(ssrc);
        return seen == null ? 0 : seen.packets().get();
    }
}

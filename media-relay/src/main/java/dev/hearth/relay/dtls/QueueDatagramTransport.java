package dev.hearth.relay.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.bouncycastle.tls.DatagramTransport;

/**
 * Bridges the relay's UDP socket and BouncyCastle's blocking DTLS API. The network thread {@link #offer}s each
 * DTLS datagram of one WebRTC transport; a DTLS executor thread {@link #receive}s them. Sends go straight to a
 * {@link DatagramSink}. The queue is bounded: a DTLS handshake needs a handful of datagrams in flight, so
 * anything beyond the capacity is a flood and is dropped rather than buffered.
 */
public final class QueueDatagramTransport implements DatagramTransport {

    public static final int DEFAULT_CAPACITY = 32;

    /** What we send: 1200 bytes fits every path WebRTC expects to work, tunnels and TURN relays included. */
    public static final int SEND_LIMIT = 1200;

    /** What we accept: peers may size their flights to a 1500-byte Ethernet MTU, so we must not truncate. */
    public static final int RECEIVE_LIMIT = 1500;

    private final DatagramSink sink;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<byte[]> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private volatile Runnable arrivalListener;

    public QueueDatagramTransport(DatagramSink sink) {
        this(sink, DEFAULT_CAPACITY);
    }

    public QueueDatagramTransport(DatagramSink sink, int capacity) {
        if (sink == null) {
            throw new IllegalArgumentException("sink is required");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.sink = sink;
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    /**
     * Hands one received datagram to the DTLS side. Never blocks. The transport takes ownership of the array:
     * the caller must not modify it afterwards. Returns false when the datagram was dropped (closed, empty,
     * larger than {@link #RECEIVE_LIMIT}, or queue full).
     */
    public boolean offer(byte[] datagram) {
        if (datagram == null || datagram.length == 0 || datagram.length > RECEIVE_LIMIT) {
            dropped.incrementAndGet();
            return false;
        }
        lock.lock();
        try {
            if (closed || queue.size() >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
            queue.addLast(datagram);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        Runnable listener = arrivalListener;
        if (listener != null) {
            listener.run();
        }
        return true;
    }

    /**
     * Waits up to {@code waitMillis} for a datagram (0 waits until one arrives or the transport closes, like a
     * socket timeout of 0). Returns its length, or -1 when none arrived in time. A datagram longer than
     * {@code len} is truncated, which the DTLS record layer then discards.
     *
     * @throws IOException once the transport is closed, so a blocked handshake ends promptly
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        lock.lock();
        try {
            long remainingNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (queue.isEmpty() && !closed) {
                if (waitMillis <= 0) {
                    arrived.await();
                } else if (remainingNanos <= 0) {
                    return -1;
                } else {
                    remainingNanos = arrived.awaitNanos(remainingNanos);
                }
            }
            if (closed) {
                throw new IOException("DTLS transport closed");
            }
            datagram = queue.removeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        } finally {
            lock.unlock();
        }
        int length = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    /** Sends through the sink; after {@link #close()} sends are silently dropped (a late alert has no reader). */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (len > SEND_LIMIT) {
            throw new IOException("DTLS datagram of " + len + " bytes exceeds the send limit of " + SEND_LIMIT);
        }
        if (closed) {
            return;
        }
        try {
            sink.send(buf, off, len);
        } catch (RuntimeException e) {
            throw new IOException("DTLS datagram sink failed", e);
        }
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /** Drops queued datagrams and wakes a waiting {@link #receive}, which then throws. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        arrivalListener = null;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Datagrams refused by {@link #offer} since creation: a health signal for the relay's metrics. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    /**
     * Runs after each accepted {@link #offer}, on the offering (network) thread, so it must only hand work off.
     * Used once the handshake is over and no thread waits in {@link #receive} any more.
     */
    void onArrival(Runnable listener) {
        this.arrivalListener = closed ? null : listener;
    }
}

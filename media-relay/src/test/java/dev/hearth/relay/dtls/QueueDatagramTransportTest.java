package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QueueDatagramTransportTest {

    private final List<byte[]> sent = new ArrayList<>();
    private final QueueDatagramTransport transport =
            new QueueDatagramTransport((buf, off, len) -> sent.add(Arrays.copyOfRange(buf, off, off + len)), 3);

    @Test
    void deliversOfferedDatagramsInOrder() throws IOException {
        transport.offer(new byte[] {1, 2, 3});
        transport.offer(new byte[] {4});
        byte[] buffer = new byte[1500];

        assertEquals(3, transport.receive(buffer, 0, buffer.length, 10));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buffer, 3));
        assertEquals(1, transport.receive(buffer, 5, buffer.length - 5, 10));
        assertEquals(4, buffer[5]);
    }

    @Test
    void receiveReturnsMinusOneWhenNothingArrivesInTime() throws IOException {
        assertEquals(-1, transport.receive(new byte[1500], 0, 1500, 20));
    }

    @Test
    void dropsDatagramsBeyondTheQueueCapacity() {
        assertTrue(transport.offer(new byte[] {1}));
        assertTrue(transport.offer(new byte[] {2}));
        assertTrue(transport.offer(new byte[] {3}));

        assertFalse(transport.offer(new byte[] {4}));
        assertEquals(1, transport.droppedDatagrams());
    }

    @Test
    void dropsEmptyAndOversizedDatagrams() {
        assertFalse(transport.offer(new byte[0]));
        assertFalse(transport.offer(null));
        assertFalse(transport.offer(new byte[QueueDatagramTransport.RECEIVE_LIMIT + 1]));
        assertTrue(transport.offer(new byte[QueueDatagramTransport.RECEIVE_LIMIT]));
        assertEquals(3, transport.droppedDatagrams());
    }

    @Test
    void truncatesADatagramLongerThanTheCallersBuffer() throws IOException {
        transport.offer(new byte[] {1, 2, 3, 4});
        byte[] buffer = new byte[2];

        assertEquals(2, transport.receive(buffer, 0, 2, 10));
        assertArrayEquals(new byte[] {1, 2}, buffer);
    }

    @Test
    void closeWakesAWaitingReceiveWhichThenFails() throws Exception {
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return transport.receive(new byte[1500], 0, 1500, 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);

        transport.close();

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(thrown.getCause().getCause() instanceof IOException);
    }

    @Test
    void refusesOffersAndDropsSendsOnceClosed() throws IOException {
        transport.offer(new byte[] {1});
        transport.close();
        transport.close();

        assertFalse(transport.offer(new byte[] {2}));
        transport.send(new byte[] {3}, 0, 1);
        assertTrue(sent.isEmpty());
        assertThrows(IOException.class, () -> transport.receive(new byte[10], 0, 10, 10));
    }

    @Test
    void sendsThroughTheSinkWithinTheMtu() throws IOException {
        byte[] datagram = new byte[QueueDatagramTransport.SEND_LIMIT + 10];
        datagram[5] = 9;

        transport.send(datagram, 5, QueueDatagramTransport.SEND_LIMIT);

        assertEquals(1, sent.size());
        assertEquals(QueueDatagramTransport.SEND_LIMIT, sent.get(0).length);
        assertEquals(9, sent.get(0)[0]);
        assertThrows(IOException.class, () -> transport.send(datagram, 0, QueueDatagramTransport.SEND_LIMIT + 1));
        assertEquals(QueueDatagramTransport.SEND_LIMIT, transport.getSendLimit());
        assertEquals(QueueDatagramTransport.RECEIVE_LIMIT, transport.getReceiveLimit());
    }

    @Test
    void aFailingSinkSurfacesAsAnIoException() {
        QueueDatagramTransport broken = new QueueDatagramTransport((buf, off, len) -> {
            throw new IllegalStateException("channel gone");
        });

        assertThrows(IOException.class, () -> broken.send(new byte[] {1}, 0, 1));
    }

    @Test
    void notifiesTheArrivalListenerForAcceptedDatagramsOnly() {
        AtomicInteger arrivals = new AtomicInteger();
        transport.onArrival(arrivals::incrementAndGet);

        transport.offer(new byte[] {1});
        transport.offer(new byte[0]);
        transport.close();
        transport.offer(new byte[] {2});

        assertEquals(1, arrivals.get());
    }
}

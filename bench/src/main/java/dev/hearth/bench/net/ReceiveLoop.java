package dev.hearth.bench.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One receive thread serving many client transports: a selector over their non-blocking UDP channels, each
 * datagram handed to its transport on this thread (so a transport's SRTP receive state needs no lock). The
 * generator runs a few of these rather than a thread per socket, since it shares the machine with the server.
 */
public final class ReceiveLoop implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final Queue<ClientTransport> toRegister = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    private final byte[] array = new byte[2048];
    private volatile boolean running = true;

    public ReceiveLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void register(ClientTransport transport) {
        toRegister.add(transport);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                selector.select(500);
                for (ClientTransport t; (t = toRegister.poll()) != null; ) {
                    try {
                        t.channel().register(selector, SelectionKey.OP_READ, t);
                    } catch (IOException e) {
                        t.close();
                    }
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        drain((DatagramChannel) key.channel(), (ClientTransport) key.attachment());
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            // closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain(DatagramChannel channel, ClientTransport transport) {
        // A bounded batch per wake-up keeps one busy socket from starving the others.
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                return; // closed, or an ICMP error from a departed peer
            }
            if (from == null) {
                return;
            }
            long nanos = System.nanoTime();
            buffer.flip();
            int length = buffer.remaining();
            buffer.get(array, 0, length);
            transport.onDatagram(array, length, (InetSocketAddress) from, nanos);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do
        }
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

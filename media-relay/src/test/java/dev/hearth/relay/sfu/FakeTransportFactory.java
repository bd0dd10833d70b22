package dev.hearth.relay.sfu;

import dev.hearth.relay.transport.MediaTransport;
import dev.hearth.relay.transport.MediaTransportListener;
import dev.hearth.relay.transport.TransportFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Creates {@link FakeTransport}s; the packet loop is whatever executor the test chooses. */
final class FakeTransportFactory implements TransportFactory {
    private final Executor loop;
    final List<FakeTransport> created = new ArrayList<>();

    /** The addresses every transport created from now on listens on, as the relay's configuration gives them. */
    volatile List<InetSocketAddress> addresses = List.of(new InetSocketAddress("127.0.0.1", 40000));

    FakeTransportFactory(Executor loop) {
        this.loop = loop;
    }

    @Override
    public synchronized MediaTransport create(MediaTransportListener listener) {
        FakeTransport transport = new FakeTransport(listener, Integer.toString(created.size()), addresses);
        created.add(transport);
        return transport;
    }

    @Override
    public Executor packetLoop() {
        return loop;
    }

    synchronized FakeTransport last() {
        return created.get(created.size() - 1);
    }
}

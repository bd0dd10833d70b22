package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.dtls.DtlsFailure;
import dev.hearth.relay.dtls.DtlsHandshakeExecutor;
import dev.hearth.relay.dtls.DtlsServer;
import dev.hearth.relay.ice.IceCredentialGenerator;
import dev.hearth.relay.metrics.TransitHistogram;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's ports: one UDP port per packet event loop ({@link PacketLoop}, {@link UdpMediaServerConfig#threads}
 * of them; a Netty datagram channel per bound address, see {@link ListeningAddresses}) and, unless off, one passive
 * ICE-TCP port ({@link IceTcpListener}). Every transport belongs to one loop, which alone touches its ICE, DTLS and
 * SRTP state; the SFU puts all transports of a room on the same loop, so a room's forwarding stays on one thread and
 * rooms on different loops run in parallel. A transport advertises its own loop's port, so its packets are read
 * by the thread that owns it, as mediasoup gives each worker its own ports: no hand-over between threads and no
 * wake-up of another core on the packet path. (One port shared by all loops with SO_REUSEPORT spreads reads by
 * 4-tuple instead, so half the packets crossed threads; docs/performance.md run E measured what that cost.) A
 * packet that still arrives at another loop's socket, or over ICE-TCP, is handed to the owner's lock-free task
 * queue. Native epoll when available, NIO otherwise. Implements {@link TransportFactory}; {@link #packetLoop()} is
 * loop 0.
 *
 * <p>Buffers come from a pooled allocator that prefers heap memory, because the packet code (STUN, SRTP,
 * RTP) works on {@code byte[]}. Start with {@link #start}, stop with {@link #close()}, which closes every
 * transport (listeners hear {@code "relay-shutdown"}), the sockets, the ICE-TCP connections and the threads.
 */
public final class UdpMediaServer implements TransportFactory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpMediaServer.class);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final UdpMediaServerConfig config;
    private final DtlsCertificate certificate;
    private final DtlsHandshakeExecutor dtlsExecutor;
    private final DtlsServer dtls;
    private final EventLoopGroup group;
    private final PacketLoop[] loops;
    private final List<UdpSocket> sockets = new ArrayList<>();
    private final IceTcpListener tcp;
    /** The UDP candidates of each loop's transports: every advertised address with that loop's port. */
    private final List<List<InetSocketAddress>> candidatesByLoop = new ArrayList<>();
    private final List<InetSocketAddress> tcpCandidates;
    private final TransportRegistry registry = new TransportRegistry();
    private final SecureRandom random = new SecureRandom();
    private final IceCredentialGenerator credentials = new IceCredentialGenerator(random);
    private final List<ScheduledFuture<?>> consentTimers = new ArrayList<>();
    private final AtomicLong pipelineExceptions = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Consumer<Throwable> exceptionObserver = cause -> { };

    private UdpMediaServer(UdpMediaServerConfig config, DtlsCertificate certificate, NativeTransport transport) {
        this.config = config;
        this.certificate = certificate;
        this.dtlsExecutor = DtlsHandshakeExecutor.create();
        this.dtls = new DtlsServer(certificate, dtlsExecutor, config.dtls());
        int threads = config.threads();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("hearth-packets", true),
                transport.ioHandlerFactory());
        this.loops = new PacketLoop[threads];
        int index = 0;
        for (EventExecutor executor : group) {
            loops[index] = new PacketLoop(index, (EventLoop) executor, registry);
            index++;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.ALLOCATOR, new PooledByteBufAllocator(false))
                .option(ChannelOption.RCVBUF_ALLOCATOR, transport.readsIntoHeap()
                        ? new HeapReceiveBuffers(RelayPacketHandler.MAX_DATAGRAM)
                        : new FixedRecvByteBufAllocator(RelayPacketHandler.MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        List<InetAddress> bind = ListeningAddresses.plan(config.advertised());
        IceTcpListener listener = null;
        try {
            // Each loop binds its own port on every address (the configured port + the loop's index, or a free
            // one), and a transport advertises its loop's port: a packet is read by the thread that forwards it.
            for (PacketLoop loop : loops) {
                int port = config.port() == 0 ? 0 : config.port() + loop.index();
                for (InetAddress address : bind) {
                    UdpSocket socket = new UdpSocket();
                    sockets.add(socket);
                    Channel channel = bootstrap.clone(loop.executor())
                            .handler(new RelayPacketHandler(this, loop, socket))
                            .bind(address, port).syncUninterruptibly().channel();
                    socket.add(channel, loop);
                    port = ((InetSocketAddress) channel.localAddress()).getPort();
                }
                candidatesByLoop.add(withPort(config.advertised(), port));
            }
            if (config.tcpEnabled()) {
                listener = new IceTcpListener(this, group, transport, bind, config.tcpPort(), config.tcpLimits());
            }
        } catch (Exception e) {
            // Netty rethrows the bind's IOException unchecked (a NativeIoException under epoll).
            for (UdpSocket socket : sockets) {
                for (Channel channel : socket.channels()) {
                    channel.close();
                }
            }
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            dtlsExecutor.close();
            throw new IllegalStateException("cannot bind the relay's ports", e);
        }
        this.tcp = listener;
        this.tcpCandidates = tcp == null ? List.of() : withPort(config.advertised(), tcp.port());
        long period = config.consentCheckPeriod().toNanos();
        long timeout = config.consentTimeout().toNanos();
        for (PacketLoop loop : loops) {
            consentTimers.add(loop.executor().scheduleAtFixedRate(() -> expireConsent(loop, timeout), period, period,
                    TimeUnit.NANOSECONDS));
        }
        log.info("relay ports open udp={} tcp={} transport={} loops={}", sockets,
                tcp == null ? "off" : tcp.localAddress(), transport.name(), threads);
    }

    /** Binds the ports with a fresh DTLS certificate. Throws IllegalStateException when a port is taken. */
    public static UdpMediaServer start(UdpMediaServerConfig config) {
        return start(config, DtlsCertificate.generate());
    }

    public static UdpMediaServer start(UdpMediaServerConfig config, DtlsCertificate certificate) {
        return start(config, certificate, NativeTransport.best());
    }

    /** With a chosen I/O transport, so tests cover NIO on machines where epoll loads. */
    static UdpMediaServer start(UdpMediaServerConfig config, DtlsCertificate certificate, NativeTransport transport) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(certificate, "certificate");
        return new UdpMediaServer(config, certificate, transport);
    }

    /** A transport on loop 0. */
    @Override
    public MediaTransport create(MediaTransportListener listener) {
        return create(listener, 0);
    }

    @Override
    public MediaTransport create(MediaTransportListener listener, int loopIndex) {
        Objects.requireNonNull(listener, "listener");
        PacketLoop loop = loop(loopIndex);
        return loop.call(() -> {
            IceParameters local = uniqueCredentials();
            RelayTransport transport = new RelayTransport(this, loop, newId(), local, listener, System.nanoTime());
            registry.add(transport);
            registry.registerUfrag(local.ufrag(), transport);
            loop.adopt(transport);
            return transport;
        });
    }

    @Override
    public Executor packetLoop() {
        return loops[0].executor();
    }

    @Override
    public int loopCount() {
        return loops.length;
    }

    @Override
    public Executor packetLoop(int index) {
        return loop(index).executor();
    }

    /** What each packet loop carried, by loop index; values may be a moment stale. */
    public List<LoopCounters> loopCounters() {
        List<LoopCounters> all = new ArrayList<>(loops.length);
        for (PacketLoop loop : loops) {
            all.add(loop.counters());
        }
        return List.copyOf(all);
    }

    /** How long packets spend in each loop, read to flush, by loop index; counts may be a moment stale. */
    public List<TransitHistogram> transitHistograms() {
        List<TransitHistogram> all = new ArrayList<>(loops.length);
        for (PacketLoop loop : loops) {
            all.add(loop.transit());
        }
        return List.copyOf(all);
    }

    /**
     * The first bound UDP address of loop 0, where transports created without a loop ({@link #create}) listen;
     * with port 0 in the config this tells the port the system chose.
     */
    public InetSocketAddress localAddress() {
        return sockets.get(0).localAddress();
    }

    /**
     * Every bound UDP address, loop by loop, each loop's in the order of the advertised addresses (one wildcard
     * behind NAT); the ports are the configured port plus the loop's index.
     */
    public List<InetSocketAddress> localAddresses() {
        return sockets.stream().map(UdpSocket::localAddress).toList();
    }

    /** The first bound ICE-TCP address, or null when ICE-TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcp == null ? null : tcp.localAddress();
    }

    /** ICE-TCP connections that have not passed a check yet; zero when ICE-TCP is off. */
    public int unauthenticatedTcpConnections() {
        return tcp == null ? 0 : tcp.unauthenticatedCount();
    }

    /** Open ICE-TCP connections, authenticated or not (refused ones until their close completes). */
    public int tcpConnections() {
        return tcp == null ? 0 : tcp.connectionCount();
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    /**
     * Drops of datagrams no transport owns (unknown protocol, unknown ufrag, unverified source), summed over the
     * loops into a snapshot; read again for newer values.
     */
    public PacketCounters portCounters() {
        List<PacketCounters> each = new ArrayList<>(loops.length);
        for (PacketLoop loop : loops) {
            each.add(loop.portCounters());
        }
        return PacketCounters.sum(each);
    }

    /** The event loops that carry packets, by loop index, for the probe that measures loop lag. */
    public List<ScheduledExecutorService> eventLoops() {
        List<ScheduledExecutorService> all = new ArrayList<>(loops.length);
        for (PacketLoop loop : loops) {
            all.add(loop.executor());
        }
        return List.copyOf(all);
    }

    /**
     * Everything counted since start: one hop to each packet loop, which sums what it owns (drops of packets it
     * read for nobody, its live transports, the transports it closed). For metrics, whose scrape calls this every
     * few seconds, never per packet.
     */
    public RelayStatistics statistics() {
        long[] dtlsFailed = new long[DtlsFailure.values().length];
        for (DtlsFailure failure : DtlsFailure.values()) {
            dtlsFailed[failure.ordinal()] = dtls.handshakesFailed(failure);
        }
        long dtlsCompleted = dtls.handshakesCompleted();
        List<PacketCounters> each = new ArrayList<>(loops.length);
        for (PacketLoop loop : loops) {
            each.add(loop.call(loop::totals));
        }
        return new RelayStatistics(PacketCounters.sum(each), dtlsCompleted, dtlsFailed, registry.size(),
                tcpConnections());
    }

    /** Live transports. */
    public int transportCount() {
        return registry.size();
    }

    /** Exceptions that reached the end of the pipeline; a healthy relay keeps this at zero. */
    public long pipelineExceptions() {
        return pipelineExceptions.get();
    }

    /** Also told about each pipeline exception (tests fail on it; production could page). */
    public void onPipelineException(Consumer<Throwable> observer) {
        this.exceptionObserver = observer == null ? cause -> { } : observer;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        for (ScheduledFuture<?> timer : consentTimers) {
            timer.cancel(false);
        }
        List<io.netty.util.concurrent.Future<?>> closed = new ArrayList<>();
        for (PacketLoop loop : loops) {
            try {
                closed.add(loop.executor().submit(() -> {
                    for (RelayTransport transport : loop.transports()) {
                        transport.closeNow(RelayTransport.REASON_SHUTDOWN);
                    }
                }));
            } catch (RejectedExecutionException e) {
                log.debug("relay loop already stopped");
            }
        }
        for (io.netty.util.concurrent.Future<?> done : closed) {
            done.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (tcp != null) {
            tcp.close();
        }
        for (UdpSocket socket : sockets) {
            for (Channel channel : socket.channels()) {
                channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        dtlsExecutor.close();
        log.info("relay ports closed counters={} loops={}", portCounters(), loopCounters());
    }

    // ---- for the transports and the handler ----

    PacketLoop loop(int index) {
        if (index < 0 || index >= loops.length) {
            throw new IllegalArgumentException("no packet loop " + index + " of " + loops.length);
        }
        return loops[index];
    }

    /** The packet loop running on {@code executor} (an ICE-TCP connection finds its own this way). */
    PacketLoop loopOf(EventExecutor executor) {
        for (PacketLoop loop : loops) {
            if (loop.executor() == executor) {
                return loop;
            }
        }
        throw new IllegalStateException("not one of the relay's packet loops");
    }

    /** Client addresses routed on the UDP sockets. */
    int routeCount() {
        int routes = 0;
        for (UdpSocket socket : sockets) {
            routes += socket.routeCount();
        }
        return routes;
    }

    TransportRegistry registry() {
        return registry;
    }

    DtlsServer dtls() {
        return dtls;
    }

    /** The UDP candidates a transport of loop {@code loop} advertises. */
    List<InetSocketAddress> candidates(int loop) {
        return candidatesByLoop.get(loop);
    }

    List<InetSocketAddress> tcpCandidates() {
        return tcpCandidates;
    }

    private static List<InetSocketAddress> withPort(List<InetAddress> addresses, int port) {
        List<InetSocketAddress> list = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            list.add(new InetSocketAddress(address, port));
        }
        return List.copyOf(list);
    }

    /** Runs on loop 0 and waits for the result (tests read loop-0 transports' state this way). */
    <T> T callOnLoop(Callable<T> task) {
        return loops[0].call(task);
    }

    /** Local credentials whose ufrag no live transport uses, so STUN routing stays unambiguous. */
    IceParameters uniqueCredentials() {
        IceParameters next = credentials.next();
        while (registry.ufragTaken(next.ufrag())) {
            next = credentials.next();
        }
        return next;
    }

    void onPipelineException(Throwable cause) {
        pipelineExceptions.incrementAndGet();
        log.warn("relay packet pipeline exception", cause);
        try {
            exceptionObserver.accept(cause);
        } catch (RuntimeException e) {
            log.warn("pipeline exception observer failed", e);
        }
    }

    private static void expireConsent(PacketLoop loop, long timeoutNanos) {
        long now = System.nanoTime();
        for (RelayTransport transport : loop.transports()) {
            transport.checkConsent(now, timeoutNanos);
        }
    }

    private String newId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

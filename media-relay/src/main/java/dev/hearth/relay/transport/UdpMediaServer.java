package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.dtls.DtlsFailure;
import dev.hearth.relay.dtls.DtlsHandshakeExecutor;
import dev.hearth.relay.dtls.DtlsServer;
import dev.hearth.relay.ice.IceCredentialGenerator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
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
 * The relay's ports: one UDP port (a Netty datagram channel per bound address, see {@link ListeningAddresses})
 * and, unless off, one passive ICE-TCP port ({@link IceTcpListener}), all on a single event loop thread that
 * carries every transport's STUN, DTLS and SRTP. Native epoll when available, NIO otherwise. Implements
 * {@link TransportFactory}; {@link #packetLoop()} is that event loop.
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
    private final EventLoop loop;
    private final List<UdpSocket> sockets = new ArrayList<>();
    private final IceTcpListener tcp;
    private final List<InetSocketAddress> candidates;
    private final List<InetSocketAddress> tcpCandidates;
    private final TransportRegistry registry = new TransportRegistry();
    private final PacketCounters portCounters = new PacketCounters();
    /** What closed transports counted; on the loop. */
    private final PacketCounters retiredCounters = new PacketCounters();
    private final PacketRouter router = new PacketRouter(registry, portCounters);
    private final SecureRandom random = new SecureRandom();
    private final IceCredentialGenerator credentials = new IceCredentialGenerator(random);
    private final StunResponder stunResponder = new StunResponder();
    private final ScheduledFuture<?> consentTimer;
    private final AtomicLong pipelineExceptions = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Consumer<Throwable> exceptionObserver = cause -> { };

    private UdpMediaServer(UdpMediaServerConfig config, DtlsCertificate certificate, NativeTransport transport) {
        this.config = config;
        this.certificate = certificate;
        this.dtlsExecutor = DtlsHandshakeExecutor.create();
        this.dtls = new DtlsServer(certificate, dtlsExecutor, config.dtls());
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hearth-packets", true),
                transport.ioHandlerFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.ALLOCATOR, new PooledByteBufAllocator(false))
                .option(ChannelOption.RCVBUF_ALLOCATOR, transport.readsIntoHeap()
                        ? new HeapReceiveBuffers(RelayPacketHandler.MAX_DATAGRAM)
                        : new FixedRecvByteBufAllocator(RelayPacketHandler.MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new RelayPacketHandler(UdpMediaServer.this, new UdpSocket(ch)));
                    }
                });
        List<InetAddress> bind = ListeningAddresses.plan(config.advertised());
        this.loop = group.next();
        IceTcpListener listener = null;
        try {
            int port = config.port();
            for (InetAddress address : bind) {
                Channel channel = bootstrap.bind(address, port).syncUninterruptibly().channel();
                sockets.add(channel.pipeline().get(RelayPacketHandler.class).socket());
                port = ((InetSocketAddress) channel.localAddress()).getPort();
            }
            if (config.tcpEnabled()) {
                listener = new IceTcpListener(this, group, transport, bind, config.tcpPort(), config.tcpLimits());
            }
        } catch (RuntimeException e) {
            for (UdpSocket socket : sockets) {
                socket.channel().close();
            }
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            dtlsExecutor.close();
            throw new IllegalStateException("cannot bind the relay's ports", e);
        }
        this.tcp = listener;
        this.candidates = withPort(config.advertised(), sockets.get(0).localAddress().getPort());
        this.tcpCandidates = tcp == null ? List.of() : withPort(config.advertised(), tcp.port());
        long period = config.consentCheckPeriod().toNanos();
        long timeout = config.consentTimeout().toNanos();
        this.consentTimer = loop.scheduleAtFixedRate(() -> expireConsent(timeout), period, period,
                TimeUnit.NANOSECONDS);
        log.info("relay ports open udp={} tcp={} transport={}", sockets, tcp == null ? "off" : tcp.localAddress(),
                transport.name());
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

    @Override
    public MediaTransport create(MediaTransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        return callOnLoop(() -> {
            IceParameters local = uniqueCredentials();
            RelayTransport transport = new RelayTransport(this, newId(), local, listener, System.nanoTime());
            registry.add(transport);
            registry.registerUfrag(local.ufrag(), transport);
            return transport;
        });
    }

    @Override
    public Executor packetLoop() {
        return loop;
    }

    /** The first bound UDP address; with port 0 in the config this tells the port the system chose. */
    public InetSocketAddress localAddress() {
        return sockets.get(0).localAddress();
    }

    /** Every bound UDP address, in the order of the advertised addresses; one wildcard behind NAT. */
    public List<InetSocketAddress> localAddresses() {
        return sockets.stream().map(UdpSocket::localAddress).toList();
    }

    /** The first bound ICE-TCP address, or null when ICE-TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcp == null ? null : tcp.localAddress();
    }

    /** ICE-TCP connections that have not passed a check yet; zero when ICE-TCP is off. */
    public int unauthenticatedTcpConnections() {
        return tcp == null ? 0 : callOnLoop(tcp::unauthenticatedCount);
    }

    /** Open ICE-TCP connections, authenticated or not (refused ones until their close completes). */
    public int tcpConnections() {
        return tcp == null ? 0 : tcp.connectionCount();
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    /** Drops of datagrams no transport owns (unknown protocol, unknown ufrag, unverified source). */
    public PacketCounters portCounters() {
        return portCounters;
    }

    /**
     * The event loops that carry packets, for a probe that measures how late they run scheduled work (loop lag).
     * Today one; a list so that metrics need no change when the relay runs several.
     */
    public List<ScheduledExecutorService> eventLoops() {
        return List.of(loop);
    }

    /**
     * Everything counted since start, read on the packet loop (one hop, then a walk over the live transports):
     * for metrics, whose scrape calls this every few seconds, never per packet.
     */
    public RelayStatistics statistics() {
        long[] dtlsFailed = new long[DtlsFailure.values().length];
        for (DtlsFailure failure : DtlsFailure.values()) {
            dtlsFailed[failure.ordinal()] = dtls.handshakesFailed(failure);
        }
        long dtlsCompleted = dtls.handshakesCompleted();
        return callOnLoop(() -> {
            PacketCounters totals = new PacketCounters();
            totals.add(portCounters);
            totals.add(retiredCounters);
            for (RelayTransport transport : registry.all()) {
                totals.add(transport.counters());
            }
            return new RelayStatistics(totals, dtlsCompleted, dtlsFailed, registry.size(), tcpConnections());
        });
    }

    /** Live transports; exact when read on the packet loop. */
    public int transportCount() {
        return callOnLoop(registry::size);
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
        try {
            loop.submit(() -> {
                consentTimer.cancel(false);
                for (RelayTransport transport : registry.all()) {
                    transport.closeNow(RelayTransport.REASON_SHUTDOWN);
                }
            }).awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("relay loop already stopped");
        }
        if (tcp != null) {
            tcp.close();
        }
        for (UdpSocket socket : sockets) {
            socket.channel().close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        dtlsExecutor.close();
        log.info("relay ports closed counters={}", portCounters);
    }

    // ---- for the transports and the handler ----

    PacketRouter router() {
        return router;
    }

    /** A transport closes: its counts join the totals {@link #statistics()} reports. On the loop. */
    void retire(PacketCounters counters) {
        retiredCounters.add(counters);
    }

    /** Client addresses routed on the UDP sockets; on the loop. */
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

    StunResponder stunResponder() {
        return stunResponder;
    }

    List<InetSocketAddress> candidates() {
        return candidates;
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

    boolean inLoop() {
        return loop.inEventLoop();
    }

    /** Runs now when on the loop, else queues it; silently skipped once the relay has stopped. */
    void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("relay loop stopped; task skipped");
        }
    }

    /** Runs on the loop and waits for the result; throws IllegalStateException once the relay has stopped. */
    <T> T callOnLoop(Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        io.netty.util.concurrent.Future<T> future;
        try {
            future = loop.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the relay's UDP port is closed", e);
        }
        future.syncUninterruptibly();
        return future.getNow();
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

    private void expireConsent(long timeoutNanos) {
        long now = System.nanoTime();
        for (RelayTransport transport : registry.all()) {
            transport.checkConsent(now, timeoutNanos);
        }
    }

    private String newId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

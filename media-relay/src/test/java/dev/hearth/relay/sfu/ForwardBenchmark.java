package dev.hearth.relay.sfu;

import dev.hearth.relay.rtp.RtpPacketWriter;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.srtp.SrtpKeyMaterial;
import dev.hearth.relay.srtp.SrtpProfile;
import dev.hearth.relay.srtp.SrtpReceiveContext;
import dev.hearth.relay.srtp.SrtpSendContext;
import dev.hearth.relay.transport.IceParameters;
import dev.hearth.relay.transport.MediaTransport;
import dev.hearth.relay.transport.MediaTransportListener;
import dev.hearth.relay.transport.TransportFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One publisher's 1200-byte video packets forwarded to K subscribers through the whole SFU path: SRTP unprotect with
 * a real receive context, parse, transport-wide arrival record, statistics, cache, then per consumer rewrite and
 * SRTP protect with a real send context, in a pooled buffer as the real transport does (the socket write is left
 * out). One operation is one input packet, so forwarded packets per second are the
 * score times K. Not a test; docs/performance-forward.md says how to run it.
 *
 * <p>Input packets come from a ring protected in advance (the replay window rejects repeats); a fresh receive
 * context starts whenever the ring wraps, amortised over {@value #RING} packets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForwardBenchmark {
    private static final int RING = 4096;
    private static final int PAYLOAD = 1200 - 12 - 12;
    private static final long VIDEO = 0x2a2a2a2aL;

    @Param({"1", "4", "8"})
    public int consumers;

    @Param({"AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private InProcessRelayControl relay;
    private BenchTransport publisher;
    private final List<BenchTransport> subscribers = new ArrayList<>();
    private byte[][] ring;
    private int[] ringLengths;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchFactory factory = new BenchFactory(profile);
        relay = new InProcessRelayControl(factory, System::nanoTime, Runnable::run, false);
        relay.publish("bench", "pub", ClientSdp.publishOffer("pubu", 0, VIDEO, VIDEO + 1));
        publisher = factory.last;
        publisher.connect();
        for (int i = 0; i < consumers; i++) {
            String offer = relay.subscribeOffer("bench", "sub" + i, false);
            BenchTransport subscriber = factory.last;
            relay.subscribeAnswer("bench", "sub" + i, ClientSdp.answer(offer, "subu" + i, true));
            subscriber.connect();
            subscribers.add(subscriber);
        }
        SrtpSendContext client = publisher.clientKeys.newSendContext();
        ring = new byte[RING][];
        ringLengths = new int[RING];
        for (int i = 0; i < RING; i++) {
            byte[] plain = new RtpPacketWriter().ssrc(VIDEO).payloadType(ClientSdp.VP8_PT).sequenceNumber(i)
                    .timestamp(i / 4 * 3000L)
                    .extension(ClientSdp.TRANSPORT_CC_ID, TransportSequenceNumber.encode(i))
                    .extension(ClientSdp.MID_ID, new byte[] {'v'})
                    .payload(new byte[PAYLOAD]).toBytes();
            ring[i] = new byte[plain.length + MediaTransport.SEND_HEADROOM];
            System.arraycopy(plain, 0, ring[i], 0, plain.length);
            ringLengths[i] = client.protectRtp(ring[i], 0, plain.length);
        }
        forward();
        // A benchmark that silently measured dropped packets would be worthless.
        if (relay.counter(ForwardingCounter.RTP_FORWARDED) != consumers || subscribers.get(0).sent != 1) {
            throw new IllegalStateException("benchmark packets are not being forwarded");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        relay.close();
    }

    @Benchmark
    public int forward() {
        if (next == RING) {
            publisher.resetReceiver();
            next = 0;
        }
        int i = next++;
        return publisher.receive(ring[i], ringLengths[i]);
    }

    /** A transport with real SRTP in both directions and no socket. */
    static final class BenchTransport implements MediaTransport {
        private static final PooledByteBufAllocator BUFFERS = new PooledByteBufAllocator(false);
        private final MediaTransportListener listener;
        private final SrtpKeyMaterial relayKeys;
        final SrtpKeyMaterial clientKeys;
        private final SrtpSendContext sender;
        private SrtpReceiveContext receiver;
        private final byte[] work = new byte[2048];
        private boolean connected;
        long sent;

        BenchTransport(MediaTransportListener listener, SrtpProfile profile, int seed) {
            this.listener = listener;
            byte[] exported = new byte[profile.exporterLength()];
            new Random(seed).nextBytes(exported);
            relayKeys = SrtpKeyMaterial.forServer(profile, exported);
            clientKeys = SrtpKeyMaterial.forClient(profile, exported);
            sender = relayKeys.newSendContext();
            receiver = relayKeys.newReceiveContext();
        }

        void resetReceiver() {
            receiver = relayKeys.newReceiveContext();
        }

        int receive(byte[] protectedPacket, int length) {
            System.arraycopy(protectedPacket, 0, work, 0, length);
            int plain = receiver.unprotectRtp(work, 0, length);
            if (plain > 0) {
                listener.onRtp(this, work, 0, plain, System.nanoTime());
            }
            return plain;
        }

        void connect() {
            connected = true;
            listener.onConnected(this);
        }

        @Override
        public String id() {
            return "bench";
        }

        @Override
        public IceParameters localIce() {
            return new IceParameters("benchufrag", "benchpassword0123456789012");
        }

        @Override
        public String localFingerprint() {
            return FakeTransport.FINGERPRINT;
        }

        @Override
        public List<InetSocketAddress> candidates() {
            return List.of(new InetSocketAddress("127.0.0.1", 40000));
        }

        @Override
        public void setRemote(IceParameters remoteIce, String remoteFingerprint) {
        }

        @Override
        public IceParameters restartIce() {
            return localIce();
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public boolean sendRtp(byte[] array, int offset, int length) {
            // As RelayTransport does: the packet goes into a pooled buffer of its own, protected there.
            ByteBuf buffer = BUFFERS.heapBuffer(length + SEND_HEADROOM, length + SEND_HEADROOM);
            try {
                System.arraycopy(array, offset, buffer.array(), buffer.arrayOffset(), length);
                if (sender.protectRtp(buffer.array(), buffer.arrayOffset(), length) < 0) {
                    return false;
                }
            } finally {
                buffer.release();
            }
            sent++;
            return true;
        }

        @Override
        public boolean sendRtp(PacketWriter writer, int maxLength) {
            // As RelayTransport does: the forwarder rewrites straight into the pooled buffer, protected there.
            ByteBuf buffer = BUFFERS.heapBuffer(maxLength + SEND_HEADROOM, maxLength + SEND_HEADROOM);
            try {
                int length = writer.write(buffer.array(), buffer.arrayOffset(), maxLength);
                if (length < 0 || sender.protectRtp(buffer.array(), buffer.arrayOffset(), length) < 0) {
                    return false;
                }
            } finally {
                buffer.release();
            }
            sent++;
            return true;
        }

        @Override
        public boolean sendRtcp(byte[] array, int offset, int length) {
            return sender.protectRtcp(array, offset, length) >= 0;
        }

        @Override
        public void close() {
            connected = false;
        }
    }

    static final class BenchFactory implements TransportFactory {
        private final SrtpProfile profile;
        private int created;
        BenchTransport last;

        BenchFactory(SrtpProfile profile) {
            this.profile = profile;
        }

        @Override
        public MediaTransport create(MediaTransportListener listener) {
            last = new BenchTransport(listener, profile, ++created);
            return last;
        }

        @Override
        public Executor packetLoop() {
            return Runnable::run;
        }
    }
}

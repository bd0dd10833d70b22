package dev.hearth.relay.rtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet RTP work of forwarding one video packet to one consumer: parse, rewrite SSRC, sequence, timestamp and
 * the transport-wide sequence number, read the audio level. Not a unit test; run with the JMH main class.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpPacketBenchmark {
    private static final int AUDIO_LEVEL_ID = 1;
    private static final int TRANSPORT_CC_ID = 3;

    private final RtpPacket packet = new RtpPacket();
    private byte[] bytes;
    private int sequence;

    @Setup
    public void setUp() {
        bytes = new RtpPacketWriter().payloadType(96).sequenceNumber(1).timestamp(90_000).ssrc(0x11111111L)
                .extension(AUDIO_LEVEL_ID, AudioLevel.encode(true, 40))
                .extension(TRANSPORT_CC_ID, TransportSequenceNumber.encode(1))
                .extension(4, AbsSendTime.encode(0x123456))
                .payload(new byte[1100])
                .toBytes();
    }

    @Benchmark
    public int parseAndRewriteForOneConsumer() {
        if (!packet.wrap(bytes, 0, bytes.length)) {
            return -1;
        }
        int next = sequence++ & 0xFFFF;
        packet.setSsrc(0x22222222L);
        packet.setSequenceNumber(next);
        packet.setTimestamp(packet.timestamp() + 3000);
        TransportSequenceNumber.rewrite(packet, TRANSPORT_CC_ID, next);
        return AudioLevel.level(packet, AUDIO_LEVEL_ID) + packet.payloadLength();
    }
}

package dev.hearth.relay.srtp;

import java.util.Random;
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

/**
 * Throughput of SRTP protect and unprotect per profile and payload size. Not a test; run it with JMH as
 * docs/performance-srtp.md describes.
 *
 * <p>Protect re-protects one buffer with an advancing sequence number (the content does not matter to the
 * cipher). Unprotect needs distinct valid packets, because the replay window drops repeats: it cycles through a
 * ring of pre-protected packets, copying each into a work buffer first (a memcpy of at most 1.2 kB per op), and
 * starts a fresh receive context whenever the ring wraps, amortised over {@value #RING} packets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBenchmark {

    private static final int RING = 4096;
    private static final int SSRC = 0x2a2a2a2a;

    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    public SrtpProfile profile;

    @Param({"100", "1200"})
    public int payload;

    private SrtpSendContext sender;
    private byte[] sendBuffer;
    private int sequence;

    private SrtpKeyMaterial receiverKeys;
    private SrtpReceiveContext receiver;
    private byte[][] ring;
    private int protectedLength;
    private byte[] work;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] exported = new byte[profile.exporterLength()];
        new Random(1).nextBytes(exported);
        SrtpKeyMaterial senderKeys = SrtpKeyMaterial.forClient(profile, exported);
        receiverKeys = SrtpKeyMaterial.forServer(profile, exported);

        sender = senderKeys.newSendContext();
        sendBuffer = new byte[12 + payload + 20];
        System.arraycopy(SrtpPackets.rtp(0, SSRC, payload), 0, sendBuffer, 0, 12 + payload);

        SrtpSendContext ringSender = senderKeys.newSendContext();
        ring = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            byte[] packet = new byte[12 + payload + 20];
            System.arraycopy(SrtpPackets.rtp(i, SSRC, payload), 0, packet, 0, 12 + payload);
            protectedLength = ringSender.protectRtp(packet, 0, 12 + payload);
            ring[i] = packet;
        }
        work = new byte[protectedLength];
        receiver = receiverKeys.newReceiveContext();
        // A benchmark that silently measured dropped packets would be worthless.
        if (protectRtp() < 0 || unprotectRtp() < 0) {
            throw new IllegalStateException("benchmark packets are being dropped");
        }
    }

    @Benchmark
    public int protectRtp() {
        int seq = ++sequence & 0xffff;
        sendBuffer[2] = (byte) (seq >>> 8);
        sendBuffer[3] = (byte) seq;
        return sender.protectRtp(sendBuffer, 0, 12 + payload);
    }

    @Benchmark
    public int unprotectRtp() {
        if (next == RING) {
            receiver = receiverKeys.newReceiveContext();
            next = 0;
        }
        System.arraycopy(ring[next++], 0, work, 0, protectedLength);
        return receiver.unprotectRtp(work, 0, protectedLength);
    }
}

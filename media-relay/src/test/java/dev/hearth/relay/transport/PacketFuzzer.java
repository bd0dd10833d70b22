package dev.hearth.relay.transport;

import dev.hearth.relay.stun.BindingRequest;
import dev.hearth.relay.stun.IceRole;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * Throws hostile datagrams at the relay's port: random bytes in every RFC 7983 range, mutated and truncated
 * ICE checks, RTP/RTCP-looking packets with garbage (which must fail SRTP authentication), and DTLS-looking
 * records. Two sockets: one never verified (everything must be dropped at the door) and, after
 * {@link #verifyWith}, one that passed an ICE check without nominating, so its garbage reaches the
 * transport's DTLS and SRTP stages too. Seeded, so a failure can be replayed.
 */
public final class PacketFuzzer implements AutoCloseable {

    private static final int MAX_DATAGRAM = 1500;
    private static final int BURST = 20;

    private final InetSocketAddress target;
    private final Random random;
    private final DatagramSocket unverified;
    private final DatagramSocket verified;
    private byte[] checkTemplate = new byte[0];
    private long sent;

    public PacketFuzzer(InetSocketAddress target, long seed) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        this.unverified = new DatagramSocket(any);
        this.verified = new DatagramSocket(any);
        this.unverified.setSoTimeout(1);
        this.verified.setSoTimeout(2_000);
    }

    /** Makes the second socket a validated (not selected) address of a transport with a real check. */
    public void verifyWith(String username, String password) throws IOException {
        byte[] id = new byte[12];
        random.nextBytes(id);
        BindingRequest check = new BindingRequest(id, username, 0x6E7F00FFL, IceRole.CONTROLLING, 7, false);
        byte[] buffer = new byte[512];
        int length = check.writeTo(buffer, 0, buffer.length, password.getBytes(StandardCharsets.UTF_8));
        checkTemplate = Arrays.copyOf(buffer, length);
        verified.send(new DatagramPacket(checkTemplate, length, target));
        byte[] answer = new byte[MAX_DATAGRAM];
        verified.receive(new DatagramPacket(answer, answer.length));
        verified.setSoTimeout(1);
    }

    /** Sends for {@code duration} at roughly two thousand datagrams a second; returns how many were sent. */
    public long run(Duration duration) throws IOException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < BURST; i++) {
                DatagramSocket from = random.nextBoolean() ? verified : unverified;
                byte[] datagram = next();
                from.send(new DatagramPacket(datagram, datagram.length, target));
                sent++;
            }
            Thread.sleep(10);
        }
        return sent;
    }

    private byte[] next() {
        return switch (random.nextInt(7)) {
            case 0 -> randomBytes(random.nextInt(MAX_DATAGRAM + 1), random.nextInt(256));
            case 1 -> mutatedCheck();
            case 2 -> mediaLike(96 + random.nextInt(32));
            case 3 -> mediaLike(192 + random.nextInt(32));
            case 4 -> dtlsLike();
            case 5 -> stunLike();
            default -> randomBytes(random.nextInt(4), random.nextInt(256));
        };
    }

    private byte[] randomBytes(int length, int firstByte) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length > 0) {
            bytes[0] = (byte) firstByte;
        }
        return bytes;
    }

    private byte[] mutatedCheck() {
        if (checkTemplate.length == 0) {
            return stunLike();
        }
        byte[] check = checkTemplate.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            check[random.nextInt(check.length)] ^= (byte) (1 << random.nextInt(8));
        }
        // Sometimes also cut it short or pad it out, so lengths disagree with the header.
        return switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(check, random.nextInt(check.length));
            case 1 -> Arrays.copyOf(check, check.length + 1 + random.nextInt(8));
            default -> check;
        };
    }

    private byte[] stunLike() {
        byte[] message = randomBytes(20 + 4 * random.nextInt(40), random.nextInt(4));
        message[1] = (byte) (random.nextBoolean() ? 0x01 : message[1]);
        int bodyLength = random.nextBoolean() ? message.length - 20 : random.nextInt(65536);
        message[2] = (byte) (bodyLength >>> 8);
        message[3] = (byte) bodyLength;
        message[4] = 0x21;
        message[5] = 0x12;
        message[6] = (byte) 0xA4;
        message[7] = 0x42;
        return message;
    }

    private byte[] mediaLike(int secondByte) {
        byte[] packet = randomBytes(random.nextInt(1400), 0x80 | random.nextInt(64));
        if (packet.length > 1) {
            packet[1] = (byte) secondByte;
        }
        return packet;
    }

    private byte[] dtlsLike() {
        byte[] record = randomBytes(13 + random.nextInt(300), 20 + random.nextInt(44));
        if (random.nextBoolean()) {
            record[1] = (byte) 0xFE;
            record[2] = (byte) 0xFD;
            int length = record.length - 13;
            record[11] = (byte) (length >>> 8);
            record[12] = (byte) length;
        }
        return record;
    }

    @Override
    public void close() {
        unverified.close();
        verified.close();
    }
}

package dev.hearth.relay.robustness;

import dev.hearth.relay.stun.BindingRequest;
import dev.hearth.relay.stun.IceRole;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Valid-looking traffic from addresses that never passed ICE: well-formed RTP with the call's real SSRCs and
 * payload types, compound-looking RTCP (SR, RR, PLI, NACK) naming real SSRCs, ICE checks for a real transport
 * signed with the wrong password, and DTLS handshake records. Every sender is a fresh socket now and then, as a
 * spoofing or scanning host would be. The relay must drop all of it at the door. Seeded, so a failure replays.
 */
final class ForgedMedia implements AutoCloseable {

    private static final int SOCKETS = 8;
    private static final int BURST = 10;

    private final InetSocketAddress target;
    private final Random random;
    private final List<Long> ssrcs;
    private final List<Integer> payloadTypes;
    private final String username;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private int sequence;

    /**
     * @param username a real transport's ICE username ({@code relayUfrag:clientUfrag}); checks carry it
     *                 but are signed with a wrong password
     */
    ForgedMedia(InetSocketAddress target, long seed, List<Long> ssrcs, List<Integer> payloadTypes, String username)
            throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.ssrcs = List.copyOf(ssrcs);
        this.payloadTypes = List.copyOf(payloadTypes);
        this.username = username;
        for (int i = 0; i < SOCKETS; i++) {
            sockets.add(newSocket());
        }
    }

    /** Sends for {@code duration}, about a thousand datagrams a second; returns how many were sent. */
    long run(Duration duration) throws IOException, InterruptedException {
        long sent = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < BURST; i++) {
                byte[] datagram = next();
                int index = random.nextInt(SOCKETS);
                sockets.get(index).send(new DatagramPacket(datagram, datagram.length, target));
                sent++;
            }
            if (random.nextInt(20) == 0) {
                // A new source address: the relay must not keep state for strangers.
                int index = random.nextInt(SOCKETS);
                sockets.get(index).close();
                sockets.set(index, newSocket());
            }
            Thread.sleep(10);
        }
        return sent;
    }

    private byte[] next() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> rtp();
            case 2 -> rtcp();
            case 3 -> check();
            default -> clientHello();
        };
    }

    /** RTP header with a real SSRC and payload type, a plausible body and an SRTP-sized tag. */
    private byte[] rtp() {
        ByteBuffer packet = ByteBuffer.allocate(12 + 20 + random.nextInt(1100) + 16);
        packet.put((byte) 0x80);
        packet.put((byte) ((random.nextBoolean() ? 0x80 : 0) | payloadTypes.get(random.nextInt(payloadTypes.size()))));
        packet.putShort((short) sequence++);
        packet.putInt(random.nextInt());
        packet.putInt((int) (long) ssrcs.get(random.nextInt(ssrcs.size())));
        byte[] rest = new byte[packet.remaining()];
        random.nextBytes(rest);
        packet.put(rest);
        return packet.array();
    }

    /** One RTCP packet naming real SSRCs, followed by an SRTCP index and tag. */
    private byte[] rtcp() {
        long sender = ssrcs.get(random.nextInt(ssrcs.size()));
        long media = ssrcs.get(random.nextInt(ssrcs.size()));
        ByteBuffer packet = ByteBuffer.allocate(64);
        switch (random.nextInt(4)) {
            case 0 -> { // sender report without blocks
                packet.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt((int) sender);
                packet.putLong(random.nextLong()).putInt(random.nextInt()).putInt(random.nextInt())
                        .putInt(random.nextInt());
            }
            case 1 -> { // receiver report, one block
                packet.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt((int) sender).putInt((int) media);
                for (int i = 0; i < 5; i++) {
                    packet.putInt(random.nextInt());
                }
            }
            case 2 -> // picture loss indication
                packet.put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt((int) sender).putInt((int) media);
            default -> // generic NACK
                packet.put((byte) 0x81).put((byte) 205).putShort((short) 3).putInt((int) sender).putInt((int) media)
                        .putShort((short) random.nextInt(65536)).putShort((short) random.nextInt(65536));
        }
        packet.putInt(0x8000_0000 | random.nextInt(1 << 20));
        byte[] tag = new byte[10];
        random.nextBytes(tag);
        packet.put(tag);
        return Arrays.copyOf(packet.array(), packet.position());
    }

    /** A well-formed check for a real transport, signed with a password that is not the transport's. */
    private byte[] check() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        BindingRequest request = new BindingRequest(id, username, 0x6E7F00FFL, IceRole.CONTROLLING,
                random.nextLong(), random.nextBoolean());
        byte[] buffer = new byte[512];
        byte[] wrongPassword = ("forged-" + random.nextInt()).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(buffer, request.writeTo(buffer, 0, buffer.length, wrongPassword));
    }

    /** A DTLS 1.2 handshake record (ClientHello type) with a random body. */
    private byte[] clientHello() {
        int body = 40 + random.nextInt(200);
        ByteBuffer record = ByteBuffer.allocate(13 + body);
        record.put((byte) 22).put((byte) 0xFE).put((byte) 0xFD).putShort((short) 0)
                .putShort((short) 0).putInt(random.nextInt(16)).putShort((short) body);
        record.put((byte) 1);
        byte[] rest = new byte[body - 1];
        random.nextBytes(rest);
        record.put(rest);
        return record.array();
    }

    private static DatagramSocket newSocket() throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Override
    public void close() {
        sockets.forEach(DatagramSocket::close);
    }
}

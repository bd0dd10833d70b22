package dev.hearth.signaling.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real coturn (Debian's {@code turnserver}, installed by {@code ./hearth test}) on loopback for one test class,
 * set up as infra/coturn/turnserver.conf sets up production — TURN REST authentication with a shared secret —
 * except that it listens and relays on 127.0.0.1 only, and so must allow loopback peers.
 */
final class Coturn implements AutoCloseable {

    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path directory;
    private final int port;

    private Coturn(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static Coturn start(String secret) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("hearth-coturn");
        int port = freeUdpPort();
        int relayPorts = 20000 + ThreadLocalRandom.current().nextInt(20) * 1000;
        List<String> command = List.of("turnserver", "-n", "--verbose", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port, "--min-port=" + relayPorts, "--max-port=" + (relayPorts + 999),
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=hearth.test",
                "--no-tls", "--no-dtls", "--no-tcp-relay", "--no-cli", "--allow-loopback-peers", "--fingerprint",
                "--log-file=stdout", "--simple-log", "--pidfile=" + directory.resolve("turnserver.pid"),
                "--userdb=" + directory.resolve("turndb"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("turnserver.log").toFile()).start();
        Coturn coturn = new Coturn(process, directory, port);
        coturn.awaitAnswer();
        return coturn;
    }

    /** A turn: URI for the browser side, UDP as the test's peers use it. */
    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** What coturn logged, for a failure message (usernames are random participant ids, no secrets). */
    String log() {
        try {
            return Files.readString(directory.resolve("turnserver.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Allocations coturn logged as created, which proves the media went through it. */
    long allocations() {
        return log().lines().filter(line -> line.contains("ALLOCATE") && line.contains("success")).count();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Ready once it answers a STUN binding request (RFC 5389 §6: a 20-byte header with the magic cookie). */
    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        byte[] request = new byte[20];
        request[1] = 0x01;
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            request[i] = (byte) ThreadLocalRandom.current().nextInt(256);
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("turnserver exited with " + process.exitValue() + ":\n" + log());
                }
                socket.send(new DatagramPacket(request, request.length,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                try {
                    socket.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException e) {
                    Thread.sleep(100);
                }
            }
        }
        throw new IllegalStateException("turnserver did not answer within " + READY_WAIT.toSeconds() + " s:\n" + log());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}

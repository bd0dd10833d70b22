package dev.hearth.signaling.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A member whose browser is GStreamer's webrtcbin: {@code src/test/resources/gstreamer/hearth_gst_peer.py} run by
 * Debian's {@code /usr/bin/python3} (python3-gst-1.0; not a pyenv python, which lacks the GObject bindings) inside
 * a {@link NetworkNamespace}, since libnice ignores loopback. It reads the script's JSON lines: its lobby entry,
 * then stats of what it decoded, or the error that ended it.
 */
final class GStreamerPeer implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path stderr;
    private final Thread reader;
    private volatile String participantId;
    private volatile JsonNode latestStats;
    private volatile String error;
    private volatile boolean ended;

    private GStreamerPeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "gstreamer-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the peer in {@code namespace}, joining with the invite through the relay host's address. */
    static GStreamerPeer join(NetworkNamespace namespace, int port, String invite, String firstName,
                              int agreementVersion) throws IOException {
        Path script = script();
        Path stderr = Files.createTempFile("hearth-gst-peer", ".log");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(),
                "--url", "ws://" + namespace.hostAddress() + ":" + port + "/ws", "--invite", invite,
                "--first-name", firstName, "--agreement-version", String.valueOf(agreementVersion)));
        ProcessBuilder builder = new ProcessBuilder(namespace.exec(command)).redirectError(stderr.toFile());
        // The pyenv shims on a developer's PATH must not leak their PYTHONPATH into Debian's interpreter.
        Map<String, String> environment = builder.environment();
        environment.remove("PYTHONPATH");
        environment.remove("PYTHONHOME");
        environment.putIfAbsent("GST_DEBUG", "2");
        return new GStreamerPeer(builder.start(), stderr);
    }

    private static Path script() {
        try {
            return Path.of(GStreamerPeer.class.getResource("/gstreamer/hearth_gst_peer.py").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("gstreamer/hearth_gst_peer.py is not on the test classpath", e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode message;
                try {
                    message = SignalingSocket.JSON.readTree(line);
                } catch (RuntimeException notJson) {
                    continue;
                }
                switch (message.path("type").asString()) {
                    case "lobby" -> participantId = message.path("participantId").asString();
                    case "stats" -> latestStats = message;
                    case "error" -> error = message.path("message").asString();
                    default -> { }
                }
            }
        } catch (IOException e) {
            error = error != null ? error : "reading its output: " + e;
        } finally {
            ended = true;
        }
    }

    /** Its participant id once it knocked; fails with the peer's own account when it stopped first. */
    String awaitLobby() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (participantId == null) {
            assertRunning("knocking");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the GStreamer peer did not knock within " + WAIT.toSeconds() + " s\n" + log());
            }
            Thread.sleep(100);
        }
        return participantId;
    }

    /** Fails with the peer's error line and its log when the process has stopped. */
    void assertRunning(String during) {
        if (ended || !process.isAlive()) {
            throw new AssertionError("the GStreamer peer stopped while " + during + ": "
                    + (error != null ? error : "no error line, exit " + exitCode()) + "\n" + log());
        }
    }

    /** Video frames decoded of one remote participant (the msid stream id of its tracks). */
    long videoFramesOf(String remoteParticipantId) {
        return received(remoteParticipantId, "video");
    }

    /** Audio buffers decoded of one remote participant. */
    long audioBuffersOf(String remoteParticipantId) {
        return received(remoteParticipantId, "audio");
    }

    private long received(String remoteParticipantId, String kind) {
        JsonNode stats = latestStats;
        return stats == null ? 0 : stats.path("received").path(remoteParticipantId).path(kind).asLong(0);
    }

    /** RTP packets received and lost over everything it receives (webrtcbin's inbound-rtp stats). */
    InboundStats inbound() {
        JsonNode stats = latestStats;
        JsonNode inbound = stats == null ? null : stats.path("inbound");
        return inbound == null ? InboundStats.NONE : new InboundStats(inbound.path("packetsReceived").asLong(0),
                inbound.path("packetsLost").asLong(0), 0, 0);
    }

    /** The key algorithm of its DTLS certificate on the publish connection ("rsaEncryption" by default). */
    String publishCertificate() {
        JsonNode stats = latestStats;
        return stats == null ? null : stats.path("certificates").path("publish").asString(null);
    }

    /** Its latest stats line, for failure messages and figures. */
    String latestStats() {
        return String.valueOf(latestStats);
    }

    /** The tail of what the peer wrote to stderr (GStreamer warnings, its own diagnostics). */
    String log() {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return "gst-peer stderr (last lines):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private String exitCode() {
        return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(2000);
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // A temporary file: the next reboot takes it.
        }
    }
}

package dev.hearth.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.signaling.web.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9's GStreamer acceptance: a peer nobody here wrote — GStreamer's webrtcbin with libnice ICE and OpenSSL
 * DTLS, whose certificate is RSA by default — joins as a member, publishes VP8/Opus and receives a libwebrtc
 * facilitator's, both ways for a minute, while libnice keeps its pairs alive its own way.
 *
 * <p>libnice ignores loopback, so the GStreamer peer runs in the private namespace {@code hearth-gst}
 * (10.78.0.2) and the relay advertises, and listens on, the host side of its veth pair (10.78.0.1), which the
 * facilitator on the host reaches too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + GStreamerInteropTest.ADMIN_PASSWORD})
class GStreamerInteropTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-41";
    private static final String HOST_ADDRESS = "10.78.0.1";
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration FIRST_MEDIA_WAIT = Duration.ofSeconds(20);
    private static final double MAX_LOSS = 0.02;
    /**
     * Both cameras send 20 frames/s and Opus 50 packets/s; a window must carry at least a quarter of that, so a
     * stall of a few seconds fails it, while a busy 2-core machine's slow encoder does not.
     */
    private static final long MIN_FRAMES_PER_WINDOW = 20 * WINDOW.toSeconds() / 4;
    private static final long MIN_AUDIO_PER_WINDOW = 50 * WINDOW.toSeconds() / 4;
    private static NetworkNamespace namespace;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        // The relay binds its advertised address, so the veth pair must exist before the context starts.
        namespace = NetworkNamespace.create("hearth-gst", HOST_ADDRESS, "10.78.0.2");
        Path dataDir = Files.createTempDirectory("hearth-gstreamer-call");
        registry.add("HEARTH_DATA_DIR", dataDir::toString);
        registry.add("HEARTH_PUBLIC_IP", () -> HOST_ADDRESS);
    }

    @LocalServerPort
    int port;

    private final List<CallPeer> peers = new ArrayList<>();
    private CallPeer host;
    private GStreamerPeer gstreamer;

    @AfterEach
    void hangUp() throws Exception {
        try {
            if (gstreamer != null) {
                gstreamer.close();
            }
        } finally {
            CallPeer.hangUp(host, peers);
        }
    }

    @AfterAll
    static void removeNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void webrtcbinPublishesAndReceivesVp8AndOpusForAMinute() throws Exception {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, "gst.facilitator", "Thursday group");
        String invite = room.invite();
        int agreementVersion = room.agreementVersion();

        host = CallPeer.facilitator(port, room.facilitator().cookie(), "host");
        peers.add(host);
        host.enter(room.roomId(), "Ngozi");
        host.publish();

        gstreamer = GStreamerPeer.join(namespace, port, invite, "Ana", agreementVersion);
        String member = gstreamer.awaitLobby();
        host.socket().expect("lobby-update");
        JsonNode admitted = host.socket().reply(host.socket().send("admit", m -> m.put("participantId", member)));
        gstreamer.assertRunning("waiting in the lobby");
        assertEquals("ok", admitted.path("type").asString(), () -> "admitting webrtcbin: " + admitted);

        awaitFirstMedia(member);
        Sample start = sample(member);
        assertThat(gstreamer.publishCertificate()).as("webrtcbin's DTLS certificate key").isEqualTo("rsaEncryption");
        Sample previous = start;
        long windows = CALL.toMillis() / WINDOW.toMillis();
        for (int window = 1; window <= windows; window++) {
            Thread.sleep(WINDOW.toMillis());
            Sample now = sample(member);
            String when = "in the " + window * WINDOW.toSeconds() + " s window of the call";
            System.out.printf("gstreamer-call: %3d s  host decoded %d frames / %d audio packets of webrtcbin"
                            + " (lost %d video, %d audio); webrtcbin decoded %d frames / %d audio buffers of the host%n",
                    window * WINDOW.toSeconds(), now.hostVideo.framesDecoded(), now.hostAudio.packetsReceived(),
                    now.hostVideo.packetsLost(), now.hostAudio.packetsLost(), now.gstVideoFrames, now.gstAudioBuffers);
            assertRising(now.hostVideo.framesDecoded(), previous.hostVideo.framesDecoded(), MIN_FRAMES_PER_WINDOW,
                    "video frames the host decoded of webrtcbin " + when);
            assertRising(now.hostAudio.packetsReceived(), previous.hostAudio.packetsReceived(), MIN_AUDIO_PER_WINDOW,
                    "audio packets the host received of webrtcbin " + when);
            assertRising(now.gstVideoFrames, previous.gstVideoFrames, MIN_FRAMES_PER_WINDOW,
                    "video frames webrtcbin decoded of the host " + when);
            assertRising(now.gstAudioBuffers, previous.gstAudioBuffers, MIN_AUDIO_PER_WINDOW,
                    "audio buffers webrtcbin decoded of the host " + when);
            previous = now;
        }
        assertThat(previous.hostVideo.lossRatio()).as("video loss from webrtcbin at the host: " + previous.hostVideo)
                .isLessThan(MAX_LOSS);
        assertThat(previous.hostAudio.lossRatio()).as("audio loss from webrtcbin at the host: " + previous.hostAudio)
                .isLessThan(MAX_LOSS);
        InboundStats atGstreamer = gstreamer.inbound();
        assertThat(atGstreamer.packetsReceived()).as("RTP packets webrtcbin received").isPositive();
        assertThat(atGstreamer.lossRatio()).as("loss at webrtcbin: " + atGstreamer).isLessThan(MAX_LOSS);
        System.out.printf("gstreamer-call: webrtcbin received %d RTP packets, lost %d%n",
                atGstreamer.packetsReceived(), atGstreamer.packetsLost());
        System.out.printf("gstreamer-call: %d s, webrtcbin -> host %d frames (%.1f/s), loss video %.2f%% audio %.2f%%;"
                        + " host -> webrtcbin %d frames (%.1f/s), %d audio buffers; certificate %s%n",
                CALL.toSeconds(), previous.hostVideo.framesDecoded() - start.hostVideo.framesDecoded(),
                (previous.hostVideo.framesDecoded() - start.hostVideo.framesDecoded()) / (double) CALL.toSeconds(),
                previous.hostVideo.lossRatio() * 100, previous.hostAudio.lossRatio() * 100,
                previous.gstVideoFrames - start.gstVideoFrames,
                (previous.gstVideoFrames - start.gstVideoFrames) / (double) CALL.toSeconds(),
                previous.gstAudioBuffers - start.gstAudioBuffers, gstreamer.publishCertificate());
    }

    /** What each side had decoded of the other at one moment. */
    private record Sample(InboundStats hostVideo, InboundStats hostAudio, long gstVideoFrames, long gstAudioBuffers) {
    }

    private Sample sample(String member) throws Exception {
        gstreamer.assertRunning("in the call");
        return new Sample(host.inbound(member, "video"), host.inbound(member, "audio"),
                gstreamer.videoFramesOf(host.participantId()), gstreamer.audioBuffersOf(host.participantId()));
    }

    private void awaitFirstMedia(String member) throws Exception {
        long deadline = System.nanoTime() + FIRST_MEDIA_WAIT.toNanos();
        while (true) {
            Sample now = sample(member);
            if (now.hostVideo.framesDecoded() > 0 && now.hostAudio.packetsReceived() > 0 && now.gstVideoFrames > 0
                    && now.gstAudioBuffers > 0 && gstreamer.publishCertificate() != null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no media both ways within " + FIRST_MEDIA_WAIT.toSeconds() + " s: " + now
                        + "\nwebrtcbin: " + gstreamer.latestStats() + "\nhost publish " + host.publishState()
                        + ", subscribe " + host.subscribeState() + "\n" + host.dumpInbound() + gstreamer.log());
            }
            Thread.sleep(200);
        }
    }

    private void assertRising(long now, long before, long atLeast, String what) throws Exception {
        if (now - before < atLeast) {
            throw new AssertionError(what + " rose by " + (now - before) + " (to " + now + "), less than " + atLeast
                    + ": media stopped or stalled\nwebrtcbin: " + gstreamer.latestStats()
                    + "\nhost publish " + host.publishState() + ", subscribe " + host.subscribeState() + "\n"
                    + host.dumpInbound() + gstreamer.log());
        }
    }
}

package dev.hearth.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.bench.LoadContext;
import dev.hearth.bench.SyntheticParticipant;
import dev.hearth.bench.hearth.HearthTarget;
import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.media.MediaFiles;
import dev.hearth.bench.stats.ReceiverStats;
import dev.hearth.bench.stats.RelaySample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The load generator's figures count real media: three of its synthetic participants join a room of this server
 * through signaling, connect ICE and DTLS to the relay, and each receives both streams of both others, every
 * packet passing SRTP authentication with the keys its own DTLS handshake derived and carrying, byte for byte,
 * the clip payload the sender's trailer says it sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + LoadGeneratorMediaTest.ADMIN_PASSWORD,
        "HEARTH_METRICS_TOKEN=" + LoadGeneratorMediaTest.METRICS_TOKEN})
class LoadGeneratorMediaTest {

    static final String ADMIN_PASSWORD = "Saffron-Harbour-Admin-63";
    static final String METRICS_TOKEN = "load-generator-metrics-token-5d1f0c";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("hearth-loadgen");
        registry.add("HEARTH_DATA_DIR", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void everyParticipantDecryptsAndVerifiesBothStreamsOfEveryOther() throws Exception {
        MediaFiles files = new MediaFiles(Path.of("target", "bench-media"), 1);
        Map<MediaClip.Kind, MediaClip> clips = Map.of(MediaClip.Kind.AUDIO, files.audio(),
                MediaClip.Kind.VIDEO, files.video());
        try (LoadContext context = new LoadContext(clips, InetAddress.getLoopbackAddress(), 1, 1);
                HearthTarget hearth = new HearthTarget("hearth", URI.create("http://localhost:" + port),
                        ADMIN_PASSWORD, METRICS_TOKEN, ProcessHandle.current().pid())) {
            List<SyntheticParticipant> room = hearth.openRoom(context, 0, 3);
            for (SyntheticParticipant p : room) {
                p.stats().snapshot(); // count from here: every transport has its keys
            }
            RelaySample before = hearth.relaySample().orElseThrow();
            Thread.sleep(1_500);
            RelaySample window = hearth.relaySample().orElseThrow().since(before);
            long forwarded = Arrays.stream(window.forwardedPerLoop()).sum();
            assertThat(forwarded).as("packets the server says it forwarded in the window").isGreaterThan(300);
            assertThat(window.cumulative()[window.cumulative().length - 1])
                    .as("forwarded packets the relay timed, read to flush").isGreaterThan(300);
            assertThat(window.quantileUpperBoundMillis(0.5)).as("median time in relay, ms").isFinite();
            for (SyntheticParticipant p : room) {
                ReceiverStats.Snapshot s = p.stats().snapshot();
                String who = "participant " + p.number();
                assertThat(s.rejected()).as(who + ": SRTP packets failing authentication").isZero();
                assertThat(s.streams()).as(who + ": remote streams received (2 others x audio, video)").isEqualTo(4);
                assertThat(s.payloadMismatches()).as(who + ": payloads differing from what was sent").isZero();
                assertThat(s.ownEcho()).as(who + ": own packets sent back").isZero();
                // 1.5 s of two senders (a 1 s clip, looped) at 50 + ~120 pps each: far more than 100 verified payloads.
                assertThat(s.payloadMatches()).as(who + ": payloads verified against the clip").isGreaterThan(100);
                assertThat(s.payloadMatches()).isEqualTo(s.packets());
            }
        }
    }
}

package dev.hearth.signaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.media.CallPeer;
import dev.hearth.signaling.web.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12.5's acceptance: {@code /metrics} scraped before and during a real call (two libwebrtc peers through the
 * signaling server and the embedded relay, then a recording with a pause) shows the call in its counters and
 * gauges, while no label and no line of the scrape holds anything about who is in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + MetricsDuringACallTest.ADMIN_PASSWORD,
        "HEARTH_METRICS_TOKEN=" + MetricsDuringACallTest.TOKEN})
class MetricsDuringACallTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-41";
    static final String TOKEN = "call-scraper-token-0d4e8b2a61f97c35";
    private static final String FACILITATOR = "metrics.facilitator";
    private static final Duration FLOW_WAIT = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("hearth-metrics-call");
        registry.add("HEARTH_DATA_DIR", dataDir::toString);
    }

    @LocalServerPort
    int port;

    private final List<CallPeer> peers = new ArrayList<>();
    private CallPeer host;

    @AfterEach
    void hangUp() throws Exception {
        CallPeer.hangUp(host, peers);
    }

    private Scrape scrape() {
        ApiClient api = new ApiClient(port);
        ApiClient.Reply reply = api.send(api.request("/metrics").GET().header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, reply.status(), reply.raw().body());
        return Scrape.parse(reply.raw().body());
    }

    @Test
    void aCallMovesTheCountersAndNoLabelNamesAnyone() throws Exception {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, FACILITATOR, "Wednesday circle");
        Scrape before = scrape();
        assertEquals(0, before.value("hearth_rooms", "state", "live"));
        assertThat(before.value("hearth_rooms", "state", "idle")).isGreaterThanOrEqualTo(1);
        assertEquals(0, before.sum("hearth_participants"));

        host = peer(CallPeer.facilitator(port, room.facilitator().cookie(), "host"));
        host.enter(room.roomId(), "Ngozi");
        host.publish();
        CallPeer ana = peer(CallPeer.member(port, "ana"));
        ana.knock(room.invite(), "Anastasia", room.agreementVersion());
        host.socket().expect("lobby-update");
        Scrape knocking = scrape();
        assertEquals(1, knocking.value("hearth_lobby_waiting"));
        assertEquals(1, knocking.value("hearth_participants", "role", "facilitator"));

        host.socket().replyOfType(host.socket().send("admit", m -> m.put("participantId", ana.participantId())),
                "ok");
        ana.awaitAdmitted();
        ana.publish();
        awaitTrue(() -> decoded(host, ana) > 0 && decoded(ana, host) > 0, () -> "video both ways\n"
                + dump(host) + "\n" + dump(ana));
        // The first decoded frame can need only a handful of packets; wait (bounded) for the call to carry a few
        // dozen, so the figures below measure a call in progress rather than how fast its first frame came.
        awaitTrue(() -> moved(before, scrape(), "hearth_relay_packets_sent_total") >= 20
                && moved(before, scrape(), "hearth_relay_packets_received_total") >= 20, () -> "packets both ways");
        Scrape during = scrape();

        assertEquals(1, during.value("hearth_rooms", "state", "live"));
        assertEquals(1, during.value("hearth_participants", "role", "facilitator"));
        assertEquals(1, during.value("hearth_participants", "role", "member"));
        assertEquals(0, during.value("hearth_lobby_waiting"));
        assertEquals(1, during.value("hearth_relay_rooms"));
        assertEquals(2, during.value("hearth_relay_participants"));
        assertThat(during.value("hearth_relay_transports")).isGreaterThanOrEqualTo(4);
        assertMoved(before, during, "hearth_relay_packets_received_total", 20);
        assertMoved(before, during, "hearth_relay_packets_sent_total", 20);
        assertMoved(before, during, "hearth_relay_dtls_handshakes_total", 4);
        assertThat(during.value("hearth_relay_forwarding_total", "event", "rtp_forwarded"))
                .isGreaterThan(before.value("hearth_relay_forwarding_total", "event", "rtp_forwarded") + 20);
        assertThat(during.value("hearth_relay_loop_lag_seconds_count", "loop", "0"))
                .isGreaterThan(before.value("hearth_relay_loop_lag_seconds_count", "loop", "0"));
        // Forwarded packets are timed in the relay (the open bucket counts them all, on whichever loop).
        assertThat(during.sum("hearth_relay_transit_packets_total", "le", "+Inf"))
                .isGreaterThan(before.sum("hearth_relay_transit_packets_total", "le", "+Inf") + 20);
        assertThat(during.value("hearth_process_cpu_seconds_total"))
                .isGreaterThan(before.value("hearth_process_cpu_seconds_total"));

        // Media keeps flowing, and so do the counters.
        awaitTrue(() -> scrape().value("hearth_relay_forwarding_total", "event", "rtp_forwarded")
                > during.value("hearth_relay_forwarding_total", "event", "rtp_forwarded") + 100, () -> "forwarding");
        Scrape later = scrape();
        assertMoved(during, later, "hearth_relay_packets_received_total", 100);
        assertMoved(during, later, "hearth_relay_packets_sent_total", 100);

        // A recording, then a withdrawal: bytes reach the disk and the pause is counted.
        host.socket().replyOfType(host.socket().send("request-recording"), "ok");
        String recordingId = ana.socket().expect("consent-request").get("recordingId").asString();
        ana.socket().replyOfType(ana.socket().send("consent", m -> m.put("recordingId", recordingId)), "ok");
        awaitTrue(() -> scrape().value("hearth_rooms_recording") == 1, () -> "the room records");
        ana.socket().replyOfType(ana.socket().send("withdraw-consent"), "ok");
        Scrape paused = scrape();

        assertEquals(0, paused.value("hearth_rooms_recording"));
        assertEquals(1, paused.value("hearth_recordings_open"));
        assertEquals(before.value("hearth_recording_pauses_total") + 1, paused.value("hearth_recording_pauses_total"));
        assertMoved(before, paused, "hearth_recording_written_bytes_total", 1);
        assertEquals(before.value("hearth_recordings_started_total") + 1,
                paused.value("hearth_recordings_started_total"));

        for (Scrape scrape : List.of(before, knocking, during, later, paused)) {
            assertTrue(Labels.violations(scrape).isEmpty(), () -> String.join("\n", Labels.violations(scrape)));
            for (String secret : List.of(room.roomId(), room.invite(), host.participantId(), ana.participantId(),
                    recordingId, "Ngozi", "Anastasia", FACILITATOR, "Wednesday circle", "127.0.0.1")) {
                assertThat(scrape.text).as("the scrape names no one").doesNotContainIgnoringCase(secret);
            }
        }
    }

    private static double moved(Scrape before, Scrape after, String name) {
        return after.sum(name) - before.sum(name);
    }

    private static void assertMoved(Scrape before, Scrape after, String name, double atLeast) {
        assertThat(after.sum(name) - before.sum(name)).as(name).isGreaterThanOrEqualTo(atLeast);
    }

    private CallPeer peer(CallPeer peer) {
        peers.add(peer);
        return peer;
    }

    private static long decoded(CallPeer receiver, CallPeer sender) {
        try {
            return receiver.inbound(sender.participantId(), "video").framesDecoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String dump(CallPeer peer) {
        try {
            return peer.dumpInbound();
        } catch (Exception e) {
            return "(no stats: " + e + ")";
        }
    }

    private static void awaitTrue(BooleanSupplier check, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + FLOW_WAIT.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}

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
 * Issue 9's TURN path with peers nobody here wrote: a real coturn, and libwebrtc peers that may only use relay
 * candidates (as on a network that lets nothing but TURN through). The credentials are the ones Hearth hands out
 * in the admission reply; coturn checks them against the shared secret on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + TurnRelayedCallTest.ADMIN_PASSWORD})
class TurnRelayedCallTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-41";
    private static final String SECRET = "turn-test-secret-" + java.util.UUID.randomUUID();
    private static final Duration FLOW_WAIT = Duration.ofSeconds(20);
    private static final Coturn COTURN = startCoturn();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("hearth-turn-call");
        registry.add("HEARTH_DATA_DIR", dataDir::toString);
        registry.add("HEARTH_TURN_URLS", COTURN::url);
        registry.add("HEARTH_TURN_SECRET", () -> SECRET);
    }

    @LocalServerPort
    int port;

    private final List<CallPeer> peers = new ArrayList<>();
    private CallPeer host;

    @AfterEach
    void hangUp() throws Exception {
        CallPeer.hangUp(host, peers);
    }

    @AfterAll
    static void stopCoturn() throws InterruptedException {
        COTURN.close();
    }

    @Test
    void membersWhoCanOnlyUseTurnSeeAndHearEachOtherThroughCoturn() throws Exception {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, "turn.facilitator", "Thursday group");
        String invite = room.invite();
        int agreementVersion = room.agreementVersion();

        host = CallPeer.relayOnly(port, room.facilitator().cookie(), "host");
        peers.add(host);
        JsonNode hostAdmitted = host.enter(room.roomId(), "Ngozi");
        assertThat(hostAdmitted.at("/iceServers/0/username").asString()).endsWith(":" + host.participantId());
        assertThat(hostAdmitted.get("iceServersValidSeconds").asLong()).isBetween(7000L, 7200L);
        host.relayOnlyThrough(hostAdmitted);
        host.publish();

        CallPeer ana = CallPeer.relayOnly(port, null, "ana");
        peers.add(ana);
        ana.knock(invite, "Ana", agreementVersion);
        host.socket().expect("lobby-update");
        host.socket().replyOfType(host.socket().send("admit", m -> m.put("participantId", ana.participantId())), "ok");
        JsonNode anaAdmitted = ana.awaitAdmitted();
        assertThat(anaAdmitted.at("/iceServers/0/credential").asString())
                .isNotEqualTo(hostAdmitted.at("/iceServers/0/credential").asString());
        ana.relayOnlyThrough(anaAdmitted);
        ana.publish();

        awaitDecoded(host, ana);
        awaitDecoded(ana, host);
        for (CallPeer peer : List.of(host, ana)) {
            List<String> types = peer.selectedLocalCandidateTypes();
            System.out.printf("turn-call: %s selected local candidates (publish, subscribe) %s%n", peer.label(), types);
            assertEquals(List.of("relay", "relay"), types, peer.label() + " goes through TURN");
        }
        assertThat(COTURN.allocations()).as("allocations in coturn's log\n" + COTURN.log()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void renewedCredentialsAreFreshAndTheirOwn() throws Exception {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, "turn.renewal", "Renewal");
        host = CallPeer.facilitator(port, room.facilitator().cookie(), "renewal-host");
        peers.add(host);
        JsonNode admitted = host.enter(room.roomId(), "Ngozi");
        JsonNode renewed = host.socket().replyOfType(host.socket().send("ice-servers"), "ice-servers");
        assertEquals(COTURN.url(), renewed.at("/iceServers/0/urls/0").asString());
        assertThat(renewed.at("/iceServers/0/username").asString()).endsWith(":" + host.participantId());
        assertThat(renewed.get("iceServersValidSeconds").asLong()).isPositive();
        assertThat(admitted.at("/iceServers/0/urls").size()).isEqualTo(1);
    }

    private static void awaitDecoded(CallPeer receiver, CallPeer sender) throws Exception {
        long deadline = System.nanoTime() + FLOW_WAIT.toNanos();
        while (receiver.inbound(sender.participantId(), "video").framesDecoded() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(receiver.label() + " decoded no video of " + sender.label() + " through TURN\n"
                        + receiver.dumpInbound() + "\ncandidates " + receiver.selectedLocalCandidateTypes()
                        + "\ncoturn:\n" + COTURN.log());
            }
            Thread.sleep(100);
        }
    }

    private static Coturn startCoturn() {
        try {
            return Coturn.start(SECRET);
        } catch (IOException e) {
            throw new IllegalStateException("coturn's turnserver is needed (./hearth test installs Debian coturn)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

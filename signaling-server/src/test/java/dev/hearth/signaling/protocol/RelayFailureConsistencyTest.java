package dev.hearth.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a room does when the media relay fails to carry out a decision (docs/architecture.md, "Concurrency by
 * ownership"): the decision stands and is announced to everyone it concerns, so the room's state and what people
 * were told agree, and the requester is told that the relay did not confirm it. Runs against the real in-process
 * relay; the second test shuts the relay's packet loops down, so this class has a context of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + RelayFailureConsistencyTest.ADMIN_PASSWORD,
        "HEARTH_MEDIA_PORT=0", "HEARTH_MEDIA_TCP_PORT=0"})
class RelayFailureConsistencyTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-61";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-relay-failure");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    UdpMediaServer mediaServer;

    @Autowired
    AuditLog audit;

    /** Muting someone whose media has not started is no failure: their publish applies the mute. */
    @Test
    @Order(1)
    void muteBeforeAnyMediaIsAcknowledgedAndAnnounced() {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, "relay.early", "Early mute");
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            String memberId = admit(host, member, room);

            JsonNode muted = host.reply(host.send("mute", m -> m.put("participantId", memberId)));

            assertEquals("ok", muted.get("type").asString(), muted::toString);
            assertTrue(member.expect("mute-changed").get("muted").asBoolean());
            JsonNode unmuted = host.reply(host.send("unmute", m -> m.put("participantId", memberId)));
            assertEquals("ok", unmuted.get("type").asString(), unmuted::toString);
        }
    }

    @Test
    @Order(2)
    void aDecisionTheRelayFailsToCarryOutStandsIsAnnouncedAndTheRequesterIsTold() {
        ApiClient.OpenRoom room = new ApiClient(port).openRoom(ADMIN_PASSWORD, "relay.down", "Relay down");
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            String memberId = admit(host, member, room);
            // The member's media now exists at the relay, so a mute has to reach its packet loop.
            JsonNode answer = member.reply(member.send("publish", m -> m.put("sdp", BrowserOffers.microphoneOnly())));
            assertEquals("publish-answer", answer.get("type").asString());

            mediaServer.close();
            JsonNode refused = host.expectError(host.send("mute", m -> m.put("participantId", memberId)),
                    "relay-unavailable");

            assertThat(refused.get("message").asString()).contains("media server");
            // Everyone in the room hears what the room decided: state and announcements agree.
            JsonNode muted = member.expect("mute-changed");
            assertEquals(memberId, muted.get("participantId").asString());
            assertTrue(muted.get("muted").asBoolean());
            assertTrue(host.expect("mute-changed").get("muted").asBoolean());
            // And the room is still muted: unmuting is a change again (announced, the relay failing again).
            host.expectError(host.send("unmute", m -> m.put("participantId", memberId)), "relay-unavailable");
            assertTrue(!member.expect("mute-changed").get("muted").asBoolean());

            // The same rule over HTTP: a new agreement holds the member's media, which the relay cannot do now.
            ApiClient api = new ApiClient(port);
            ApiClient.Reply revised = api.send(api.request("/api/rooms/" + room.roomId() + "/agreement")
                    .header("Content-Type", "application/json").header("Cookie", room.facilitator().cookie())
                    .header(dev.hearth.signaling.web.security.SecurityConfiguration.CSRF_HEADER,
                            room.facilitator().csrfToken())
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            ApiClient.json(java.util.Map.of("text", "Kindness first.")))));
            assertEquals(503, revised.status(), revised.body()::toString);
            assertEquals("relay-unavailable", revised.code());
            assertEquals("Kindness first.", member.expect("agreement-changed").at("/agreement/text").asString());
            assertTrue(audit.verify().ok());
        }
    }

    private static String admit(TestSocket host, TestSocket member, ApiClient.OpenRoom room) {
        host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hana")));
        JsonNode lobby = member.reply(member.send("join", m -> m.put("invite", room.invite())
                .put("firstName", "Tomas").put("agreementVersion", room.agreementVersion())));
        String memberId = lobby.get("participantId").asString();
        host.reply(host.send("admit", m -> m.put("participantId", memberId)));
        member.expect("admitted");
        return memberId;
    }
}

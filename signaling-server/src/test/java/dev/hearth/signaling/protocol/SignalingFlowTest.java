package dev.hearth.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole signaling walk of issue 2 over real WebSockets against the running application: accounts, a
 * room, the lobby, lock, rename, mute, removal, recording consent and the end of the session. Each step
 * checks what every party receives, and at the end that members never saw anything identifying beyond
 * first names and that no name, token or password reached the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + SignalingFlowTest.ADMIN_PASSWORD,
        "logging.level.dev.hearth=DEBUG"})
class SignalingFlowTest {

    static final String ADMIN_PASSWORD = "Quartz-Lantern-Admin-93";
    private static final String FACILITATOR_PASSWORD = "Velvet-Harbor-Facilitator-17";
    private static final String FACILITATOR_USERNAME = "ms.okonkwo";
    // Distinctive names, so finding one in the log or in another member's messages cannot be a coincidence.
    private static final String FACILITATOR_NAME = "Ngozi";
    private static final String ALICE = "Ysolde";
    private static final String BOB = "Thaddeus";
    private static final String CAROL = "Marisol";
    private static final String DAVE = "Oisin";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-signaling-flow");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    RecordingRelay relay;

    @Autowired
    AuditLog audit;

    @Test
    void fullSessionWalk(CapturedOutput output) {
        ApiClient api = new ApiClient(port);

        // Admin creates a facilitator; the facilitator signs in and creates a room.
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", FACILITATOR_USERNAME, "password", FACILITATOR_PASSWORD),
                admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body()::toString);
        ApiClient.Login facilitator = api.login(FACILITATOR_USERNAME, FACILITATOR_PASSWORD);
        ApiClient.Reply room = api.postJson("/api/rooms", Map.of("title", "Tuesday group"),
                facilitator.cookie(), facilitator.csrfToken());
        assertEquals(201, room.status(), room.body()::toString);
        String roomId = room.body().get("roomId").asString();
        String inviteUrl = room.body().get("inviteUrl").asString();
        String invite = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
        JsonNode inviteInfo = api.get("/api/invites/" + invite, null).body();
        assertEquals("Tuesday group", inviteInfo.get("roomTitle").asString());
        int agreementVersion = inviteInfo.get("agreement").get("version").asInt();

        List<TestSocket> members = new ArrayList<>();
        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket alice = TestSocket.open(port, null);
             TestSocket bob = TestSocket.open(port, null);
             TestSocket carol = TestSocket.open(port, null);
             TestSocket dave = TestSocket.open(port, null)) {
            members.addAll(List.of(alice, bob, carol, dave));

            // The facilitator enters directly.
            String enter = host.send("enter", m -> m.put("roomId", roomId).put("firstName", FACILITATOR_NAME));
            JsonNode hostAdmitted = host.reply(enter);
            assertEquals("admitted", hostAdmitted.get("type").asString());
            assertEquals("facilitator", hostAdmitted.at("/you/role").asString());
            assertEquals(0, host.expect("lobby-update").get("entries").size());

            // Two members knock and wait; each learns nothing about the other.
            JsonNode aliceLobby = alice.reply(join(alice, invite, ALICE, agreementVersion));
            assertEquals("lobby", aliceLobby.get("type").asString());
            String aliceId = aliceLobby.get("participantId").asString();
            assertEquals(1, host.expect("lobby-update").get("entries").size());
            JsonNode bobLobby = bob.reply(join(bob, invite, BOB, agreementVersion));
            String bobId = bobLobby.get("participantId").asString();
            JsonNode queue = host.expect("lobby-update").get("entries");
            assertEquals(List.of(ALICE, BOB), List.of(queue.get(0).get("firstName").asString(),
                    queue.get(1).get("firstName").asString()));
            alice.expectSilence(Duration.ofMillis(200));

            // Admit one, deny the other.
            host.reply(host.send("admit", m -> m.put("participantId", aliceId)));
            JsonNode aliceAdmitted = alice.expect("admitted");
            assertEquals(ALICE, aliceAdmitted.at("/you/displayName").asString());
            assertEquals(2, aliceAdmitted.get("participants").size());
            assertTrue(aliceAdmitted.get("resumeToken").asString().length() >= 32);
            assertEquals(ALICE, host.expect("participant-joined").at("/participant/displayName").asString());
            host.reply(host.send("deny", m -> m.put("participantId", bobId)));
            bob.expect("denied");
            bob.awaitClosed();

            // Lock: a new knock is refused with room-locked.
            host.reply(host.send("lock"));
            assertTrue(alice.expect("lock-changed").get("locked").asBoolean());
            carol.expectError(join(carol, invite, CAROL, agreementVersion), "room-locked");

            // Rename by the facilitator; members cannot rename.
            host.reply(host.send("rename", m -> m.put("participantId", aliceId).put("firstName", "Ysa")));
            assertEquals("Ysa", alice.expect("participant-updated").at("/participant/displayName").asString());
            alice.expectError(alice.send("rename", m -> m.put("participantId", aliceId).put("firstName", "Queen")),
                    "forbidden");
            host.expectError(host.send("rename", m -> m.put("participantId", aliceId).put("firstName", "John Smith")),
                    "invalid-name");

            // Mute reaches everyone and the relay.
            host.reply(host.send("mute", m -> m.put("participantId", aliceId)));
            JsonNode muted = alice.expect("mute-changed");
            assertEquals(aliceId, muted.get("participantId").asString());
            assertThat(relay.calls).contains("mute " + aliceId);

            // Unlock, admit Dave, then remove him: closed, and the same browser cannot come back.
            host.reply(host.send("unlock"));
            JsonNode daveLobby = dave.reply(join(dave, invite, DAVE, agreementVersion));
            String daveId = daveLobby.get("participantId").asString();
            String daveSeat = daveLobby.get("seat").asString();
            host.reply(host.send("admit", m -> m.put("participantId", daveId)));
            dave.expect("admitted");
            host.reply(host.send("remove", m -> m.put("participantId", daveId)));
            dave.expect("removed");
            dave.awaitClosed();
            assertEquals(daveId, alice.expect("participant-left").get("participantId").asString());
            assertThat(relay.calls).contains("close " + daveId);
            try (TestSocket daveAgain = TestSocket.open(port, null)) {
                String retry = daveAgain.send("join", m -> m.put("invite", invite).put("firstName", DAVE)
                        .put("agreementVersion", agreementVersion).put("seat", daveSeat));
                daveAgain.expectError(retry, "removed");
            }

            // Recording: a decline cancels without naming anyone; then all consent; then a withdrawal pauses.
            host.reply(host.send("request-recording"));
            String recordingId = alice.expect("consent-request").get("recordingId").asString();
            alice.reply(alice.send("decline", m -> m.put("recordingId", recordingId)));
            assertEquals("requested", host.expect("recording").get("state").asString());
            JsonNode declined = host.expect("recording");
            assertEquals("off", declined.get("state").asString());
            assertEquals("not-everyone-agreed", declined.get("reason").asString());
            assertFalse(declined.toString().contains(aliceId));

            host.reply(host.send("request-recording"));
            String secondId = alice.expect("consent-request").get("recordingId").asString();
            alice.reply(alice.send("consent", m -> m.put("recordingId", secondId)));
            assertEquals("recording", awaitRecordingState(alice, "recording"));
            assertEquals("recording", awaitRecordingState(host, "recording"));
            alice.reply(alice.send("withdraw-consent"));
            assertEquals("paused", awaitRecordingState(host, "paused"));

            // End for everyone: every connection is told and closed.
            host.reply(host.send("end"));
            alice.expect("session-ended");
            alice.awaitClosed();
            host.awaitClosed();
            assertThat(relay.calls).contains("close-room " + roomId);
            assertTrue(audit.verify().ok(), "audit chain verifies");

            // Members never received anything identifying beyond first names.
            for (TestSocket member : members) {
                String everything = member.everything().toString();
                assertThat(everything).doesNotContain(FACILITATOR_USERNAME, facilitator.cookie(), "lobby-update");
                if (member != bob) {
                    assertThat(everything).doesNotContain(BOB);
                }
            }
            assertThat(alice.everything().toString()).doesNotContain(daveSeat, bobId);
        }

        // Nothing secret or identifying reached the log (which did capture the walk, with ids only).
        assertThat(output.getAll()).contains("room.knock", "room.command");
        assertThat(output.getAll()).doesNotContain(ALICE, BOB, CAROL, DAVE, FACILITATOR_NAME, "Ysa\"",
                FACILITATOR_PASSWORD, ADMIN_PASSWORD, invite, facilitator.csrfToken(),
                facilitator.cookie().substring(facilitator.cookie().indexOf('=') + 1));
    }

    private static String join(TestSocket socket, String invite, String name, int agreementVersion) {
        return socket.send("join", m -> m.put("invite", invite).put("firstName", name)
                .put("agreementVersion", agreementVersion));
    }

    private static String awaitRecordingState(TestSocket socket, String state) {
        while (true) {
            JsonNode recording = socket.expect("recording");
            if (state.equals(recording.get("state").asString())) {
                return state;
            }
        }
    }
}

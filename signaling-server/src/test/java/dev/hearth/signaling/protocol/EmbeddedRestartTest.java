package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.HearthApplication;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerEntry;
import dev.hearth.signaling.recording.RecordingCatalog;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Embedded mode: Hearth runs with a live room, the process stops and a new one starts on the same data directory;
 * the member's page resumes with its token into the same room, as the same participant, and the room is as it was
 * (locked, the member muted). The facilitator, whose sign-in did not survive, signs in again and resumes first.
 * The relay lost every transport: both are told to start media afresh ({@code restartMedia}), get a subscribe offer
 * as on a fresh admission, and the server-side mute reaches the relay once the member publishes again.
 */
class EmbeddedRestartTest {

    private static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-51";
    private static final String FACILITATOR_PASSWORD = "Amber-Canyon-Facilitator-28";

    @TempDir
    Path data;

    @Test
    void membersResumeIntoTheSameRoomAfterARestart() throws Exception {
        String roomId;
        String memberId;
        String memberToken;
        String hostId;
        String hostToken;
        String recordingId;
        try (ConfigurableApplicationContext first = start()) {
            int port = port(first);
            ApiClient api = new ApiClient(port);
            ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "ms.adeyemi", "Monday group");
            roomId = room.roomId();
            try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
                 TestSocket member = TestSocket.open(port, null);
                 TestSocket waiting = TestSocket.open(port, null)) {
                JsonNode hostAdmitted = host.reply(host.send("enter",
                        m -> m.put("roomId", room.roomId()).put("firstName", "Folake")));
                hostId = hostAdmitted.at("/you/participantId").asString();
                hostToken = hostAdmitted.get("resumeToken").asString();
                memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                        .put("firstName", "Ysolde").put("agreementVersion", room.agreementVersion())))
                        .get("participantId").asString();
                String admitted = memberId;
                host.reply(host.send("admit", m -> m.put("participantId", admitted)));
                memberToken = member.expect("admitted").get("resumeToken").asString();
                host.reply(host.send("request-recording"));
                recordingId = member.expect("consent-request").get("recordingId").asString();
                String recording = recordingId;
                assertOk(member.reply(member.send("consent", m -> m.put("recordingId", recording))));
                assertTrue(first.getBean(RecordingCatalog.class).find(recordingId).orElseThrow().endedAt().isEmpty());
                host.reply(host.send("mute", m -> m.put("participantId", admitted)));
                host.reply(host.send("lock"));
                waiting.reply(waiting.send("join", m -> m.put("invite", room.invite()).put("firstName", "Bo")
                        .put("agreementVersion", room.agreementVersion())));
                // Nothing of it is in clear at rest.
                Path file = data.resolve("rooms").resolve(roomId + ".json");
                assertFalse(Files.readString(file).contains("Ysolde"));
            }
        }

        try (ConfigurableApplicationContext second = start()) {
            int port = port(second);
            // The relay's recording did not survive: it is stopped in the ledger (saying why) and the catalog.
            List<LedgerEntry> ledger = second.getBean(ConsentLedger.class).entries(new RecordingId(recordingId));
            LedgerEntry last = ledger.get(ledger.size() - 1);
            assertEquals("recording-stopped", last.type(), ledger::toString);
            assertEquals("SERVER_RESTARTED", last.details().get("reason"));
            assertTrue(second.getBean(ConsentLedger.class).verify(new RecordingId(recordingId)).ok());
            assertTrue(second.getBean(RecordingCatalog.class).find(recordingId).orElseThrow().endedAt().isPresent());
            // The facilitator's sign-in lived in memory: they sign in again and resume with their own token.
            ApiClient api = new ApiClient(port);
            ApiClient.Login again = api.login("ms.adeyemi", FACILITATOR_PASSWORD);
            try (TestSocket host = TestSocket.open(port, again.cookie())) {
                String hostResume = hostToken;
                JsonNode hostBack = host.reply(host.send("resume", m -> m.put("resumeToken", hostResume)));
                assertEquals(hostId, hostBack.at("/you/participantId").asString(), hostBack::toString);
                assertTrue(hostBack.get("restartMedia").asBoolean());
                // The lobby did not survive: the person waiting has no token and knocks again.
                assertEquals(0, host.expect("lobby-update").get("entries").size());
                JsonNode hostMedia = host.reply(host.send("publish", m -> m.put("sdp", BrowserOffers.microphoneOnly())));
                assertEquals("publish-answer", hostMedia.get("type").asString(), hostMedia::toString);
                String target = memberId;
                // The member is away and has no media at the relay yet: changing their mute is no relay failure,
                // their publish applies it.
                assertOk(host.reply(host.send("unmute", m -> m.put("participantId", target))));
                assertFalse(host.expect("mute-changed").get("muted").asBoolean());
                assertOk(host.reply(host.send("mute", m -> m.put("participantId", target))));
                assertTrue(host.expect("mute-changed").get("muted").asBoolean());

                try (TestSocket member = TestSocket.open(port, null)) {
                    String token = memberToken;
                    JsonNode back = member.reply(member.send("resume", m -> m.put("resumeToken", token)));

                    assertEquals("admitted", back.get("type").asString(), back::toString);
                    assertTrue(back.get("resumed").asBoolean());
                    assertTrue(back.get("restartMedia").asBoolean(), "the relay lost the member's transports");
                    assertEquals(roomId, back.get("roomId").asString());
                    assertEquals(memberId, back.at("/you/participantId").asString());
                    assertEquals("Ysolde", back.at("/you/displayName").asString());
                    assertTrue(back.at("/you/muted").asBoolean());
                    assertTrue(back.get("locked").asBoolean());
                    assertEquals(2, back.get("participants").size(), "the facilitator is back too");
                    assertNotEquals(memberToken, back.get("resumeToken").asString());
                    // Like a fresh admission: offered what there is to receive (the facilitator's microphone) on a new
                    // transport, before publishing anything.
                    assertTrue(member.expect("subscribe-offer").get("sdp").asString().startsWith("v=0"));
                    JsonNode published = member.reply(member.send("publish", m -> m.put("sdp", BrowserOffers.microphoneOnly())));
                    assertEquals("publish-answer", published.get("type").asString(), published::toString);

                    // The room works on: the facilitator unmutes the member, who hears of it.
                    assertOk(host.reply(host.send("unmute", m -> m.put("participantId", target))));
                    assertFalse(member.expect("mute-changed").get("muted").asBoolean());

                    // A used token is dead in the new process too.
                    try (TestSocket replay = TestSocket.open(port, null)) {
                        String token2 = memberToken;
                        replay.expectError(replay.send("resume", m -> m.put("resumeToken", token2)), "resume-expired");
                    }
                }
            }
        }
        try (Stream<Path> aside = Files.list(data.resolve("rooms"))) {
            assertEquals(1, aside.filter(p -> p.toString().endsWith(".json")).count());
        }
    }

    private static void assertOk(JsonNode reply) {
        assertEquals("ok", reply.get("type").asString(), reply::toString);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HearthApplication.class)
                .properties("server.port=0", "HEARTH_DATA_DIR=" + data, "HEARTH_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1")
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}

package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerEntry;
import dev.hearth.signaling.recording.CatalogEntry;
import dev.hearth.signaling.recording.InMemoryArchiveConfiguration;
import dev.hearth.signaling.recording.RecordingCatalog;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consent machine drives the relay's recorder, the ledger and the catalog: start after everyone consents,
 * pause on a withdrawal before the withdrawal is acknowledged, resume, stop.
 */
@Import({RecordingRelayConfiguration.class, InMemoryArchiveConfiguration.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + RecordingConsentWiringTest.ADMIN_PASSWORD})
class RecordingConsentWiringTest {

    static final String ADMIN_PASSWORD = "Saffron-Glacier-Admin-52";
    private static final String FACILITATOR_PASSWORD = "Juniper-Orbit-Facilitator-64";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-recording-wiring");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("HEARTH_DATA_DIR", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    RecordingRelay relay;

    @Autowired
    ConsentLedger ledger;

    @Autowired
    RecordingCatalog catalog;

    @Test
    void consentChangesReachTheRelayLedgerAndCatalogBeforeTheyAreAcknowledged() {
        ApiClient api = new ApiClient(port);
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", "wiring", "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        String facilitatorId = created.body().get("id").asString();
        ApiClient.Login facilitator = api.login("wiring", FACILITATOR_PASSWORD);
        ApiClient.Reply room = api.postJson("/api/rooms", Map.of("title", "Wiring"), facilitator.cookie(), facilitator.csrfToken());
        String roomId = room.body().get("roomId").asString();
        String inviteUrl = room.body().get("inviteUrl").asString();
        String invite = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
        int agreementVersion = api.get("/api/invites/" + invite, null).body().at("/agreement/version").asInt();

        try (TestSocket host = TestSocket.open(port, facilitator.cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Hester")));
            JsonNode lobby = member.reply(member.send("join", m -> m.put("invite", invite).put("firstName", "Bartholomew")
                    .put("agreementVersion", agreementVersion)));
            String memberId = lobby.get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");

            host.reply(host.send("request-recording"));
            String recordingId = member.expect("consent-request").get("recordingId").asString();
            assertTrue(relay.calls.stream().noneMatch(c -> c.startsWith("record-")), "nothing recorded before consent");

            member.reply(member.send("consent", m -> m.put("recordingId", recordingId)));
            assertTrue(relay.calls.contains("record-start " + recordingId));
            CatalogEntry entry = catalog.find(recordingId).orElseThrow();
            assertEquals(facilitatorId, entry.facilitatorAccountId());
            assertEquals(roomId, entry.roomId());
            assertEquals(List.of("Hester", "Bartholomew"), List.copyOf(entry.participantNames().values()));

            member.reply(member.send("withdraw-consent"));
            // The reply is sent after the effects ran, so the relay had paused before the member saw the ack.
            assertEquals("record-pause " + recordingId, lastRecordingCall());

            member.reply(member.send("consent", m -> m.put("recordingId", recordingId)));
            assertEquals("record-resume " + recordingId, lastRecordingCall());

            host.reply(host.send("stop-recording"));
            assertEquals("record-stop " + recordingId, lastRecordingCall());
            assertTrue(catalog.find(recordingId).orElseThrow().endedAt().isPresent());

            RecordingId id = new RecordingId(recordingId);
            List<String> types = ledger.entries(id).stream().map(LedgerEntry::type).toList();
            assertEquals(List.of("recording-requested", "consent-given", "consent-given", "recording-started",
                    "recording-paused", "consent-withdrawn", "consent-given", "recording-resumed", "recording-stopped"),
                    types);
            assertEquals(memberId, ledger.entries(id).get(5).participant());
            assertEquals(Integer.toString(agreementVersion), ledger.entries(id).get(2).details().get("agreementVersion"));
            assertTrue(ledger.verify(id).ok());
            assertTrue(ledger.verify(id).closed());
        }
    }

    private String lastRecordingCall() {
        List<String> recording = relay.calls.stream().filter(c -> c.startsWith("record-")).toList();
        return recording.get(recording.size() - 1);
    }
}

package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerEntry;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.web.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 §3 over the socket: a revision reaches every admitted member, the relay holds their media before they
 * read it and releases it when they accept, and the ledger holds both acknowledgements.
 */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + AgreementWiringTest.ADMIN_PASSWORD})
class AgreementWiringTest {

    static final String ADMIN_PASSWORD = "Saffron-Glacier-Admin-53";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-agreement-wiring");

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

    @Test
    void aRevisionHoldsEveryMemberUntilTheyAcceptAndTheLedgerHoldsBothAcknowledgements() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "agreement.wiring", "Agreements");
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            JsonNode entered = host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            assertEquals(1, entered.at("/agreement/version").asInt(), "the agreement is a reminder at every start");
            assertFalse(entered.get("agreementPending").asBoolean());
            JsonNode lobby = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())));
            String memberId = lobby.get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            JsonNode admitted = member.expect("admitted");
            assertEquals(room.agreementVersion(), admitted.at("/agreement/version").asInt());

            host.reply(host.send("revise-agreement", m -> m.put("text", "Be kind. What is said here stays here.")));
            assertTrue(relay.calls.contains("hold " + memberId), "held before the revision is acknowledged");
            JsonNode changed = member.expect("agreement-changed");
            assertEquals(2, changed.at("/agreement/version").asInt());
            assertEquals("Be kind. What is said here stays here.", changed.at("/agreement/text").asString());
            JsonNode pending = host.expect("agreement-pending");
            assertEquals(memberId, pending.get("participantId").asString());
            assertTrue(pending.get("pending").asBoolean());

            member.expectError(member.send("accept-agreement", m -> m.put("version", 1)), "agreement-required");
            assertFalse(relay.calls.contains("release " + memberId));
            member.reply(member.send("accept-agreement", m -> m.put("version", 2)));
            assertEquals("release " + memberId, relay.calls.get(relay.calls.size() - 1));
            assertFalse(host.expect("agreement-pending").get("pending").asBoolean());

        }
        RoomId roomId = new RoomId(room.roomId());
        List<LedgerEntry> entries = ledger.agreementEntries(roomId);
        assertEquals(List.of("agreement-acknowledged", "agreement-revised", "agreement-acknowledged"),
                entries.stream().map(LedgerEntry::type).toList());
        assertEquals(entries.get(0).participant(), entries.get(2).participant());
        assertEquals(List.of("1", "2", "2"), entries.stream().map(e -> e.details().get("agreementVersion")).toList());
        assertTrue(ledger.verifyAgreements(roomId).ok());
    }

    @Test
    void aMemberCannotReviseTheAgreement() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "agreement.member", "Members");
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");
            member.expectError(member.send("revise-agreement", m -> m.put("text", "Anything goes.")), "forbidden");
            member.expectSilence(Duration.ofMillis(200));
        }
    }
}

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
 * Issue 13 over the socket and the API. §3: a revision reaches every admitted member, the relay holds their media
 * before they read it and releases it when they accept, and the ledger holds both acknowledgements. §5: a
 * co-facilitator the owner added moderates, and the audit log names which account acted. Role boundaries: a
 * facilitator sees and changes nothing of another's room.
 */
@Import(RecordingRelayConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1",
        "HEARTH_ADMIN_PASSWORD=" + RoomCareWiringTest.ADMIN_PASSWORD,
        // Every test knocks from loopback; the per-address limit is AbuseLimitsTest's subject, not this class's.
        "HEARTH_KNOCKS_PER_MINUTE=1000"})
class RoomCareWiringTest {

    static final String ADMIN_PASSWORD = "Saffron-Glacier-Admin-53";
    private static final Path DATA_DIR = RecordingRelayConfiguration.tempDataDir("hearth-room-care");

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
    dev.hearth.signaling.audit.AuditLog audit;

    @Autowired
    dev.hearth.signaling.account.AccountStore accounts;

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
    void aRevisionThroughTheApiReachesTheLiveRoom() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "agreement.api", "Api agreements");
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");
            ApiClient.Reply revised = put(api, "/api/rooms/" + room.roomId() + "/agreement",
                    Map.of("text", "Kindness first."), room.facilitator());
            assertEquals(200, revised.status(), revised.body().toString());
            assertEquals(2, revised.body().get("version").asInt());
            assertEquals("Kindness first.", member.expect("agreement-changed").at("/agreement/text").asString());
            assertTrue(relay.calls.contains("hold " + memberId));
        }
        JsonNode record = api.get("/api/rooms/" + room.roomId() + "/agreement", room.facilitator().cookie()).body();
        assertEquals(2, record.get("history").size());
        assertEquals("Kindness first.", record.at("/agreement/text").asString());
        assertTrue(record.at("/ledger/verification/ok").asBoolean());
        assertEquals("agreement-revised", record.at("/ledger/entries/1/type").asString());
    }

    @Test
    void aCoFacilitatorEntersAndAdmitsAndTheAuditNamesThem() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "cofac.owner", "Shared");
        ApiClient.OpenRoom other = api.openRoom(ADMIN_PASSWORD, "cofac.second", "Second's own");
        ApiClient.Reply added = api.postJson("/api/rooms/" + room.roomId() + "/facilitators",
                Map.of("username", "cofac.second"), room.facilitator().cookie(), room.facilitator().csrfToken());
        assertEquals(200, added.status(), added.body().toString());
        assertEquals(2, added.body().size());
        JsonNode seconds = api.get("/api/rooms", other.facilitator().cookie()).body();
        assertEquals(2, seconds.size(), "the co-facilitator lists the shared room next to their own");

        try (TestSocket co = TestSocket.open(port, other.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            co.reply(co.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Lee")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            co.reply(co.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");
        }
        String secondId = accounts.findByUsername("cofac.second").orElseThrow().id();
        assertTrue(audit.page(0, 10_000).stream()
                .anyMatch(e -> e.type().equals("lobby.admit") && e.actor().equals(secondId)),
                "the audit log names the co-facilitator who admitted");
        assertTrue(audit.page(0, 10_000).stream()
                .anyMatch(e -> e.type().equals("room.facilitator-add") && e.subject().equals(room.roomId())));
    }

    @Test
    void attendanceRecordsEachSessionForTheRoomsFacilitatorsAndTheAuditHoldsNoNames() throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "attendance.owner", "Attendance");
        ApiClient.OpenRoom other = api.openRoom(ADMIN_PASSWORD, "attendance.other", "Other");
        String memberId;
        String deniedId;
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null);
             TestSocket denied = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            deniedId = denied.reply(denied.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Zebedee").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            host.reply(host.send("deny", m -> m.put("participantId", deniedId)));
            member.expect("admitted");
            member.reply(member.send("leave"));
            host.reply(host.send("end"));
        }
        ApiClient.Reply reply = api.get("/api/rooms/" + room.roomId() + "/attendance", room.facilitator().cookie());
        assertEquals(200, reply.status(), reply.body().toString());
        JsonNode session = reply.body().get(0);
        assertFalse(session.get("endedAt").isNull());
        JsonNode people = session.get("people");
        assertEquals(2, people.size(), "the facilitator and the member; the denied person never attended");
        assertEquals("Bartholomew", people.get(1).get("firstName").asString());
        assertEquals(memberId, people.get(1).get("participantId").asString());
        assertFalse(people.get(1).get("leftAt").isNull());
        assertEquals(404, api.get("/api/rooms/" + room.roomId() + "/attendance", other.facilitator().cookie()).status(),
                "another facilitator cannot see this room's attendance");

        List<dev.hearth.signaling.audit.AuditEntry> entries = audit.page(0, 10_000);
        for (String[] expected : new String[][] {{"lobby.knock", memberId}, {"lobby.knock", deniedId},
                {"lobby.admit", memberId}, {"lobby.deny", deniedId}, {"participant.leave", memberId}}) {
            assertTrue(entries.stream().anyMatch(e -> e.type().equals(expected[0]) && e.subject().equals(expected[1])),
                    expected[0] + " of " + expected[1]);
        }
        String auditFile = java.nio.file.Files.readString(DATA_DIR.resolve("audit.log"));
        assertFalse(auditFile.contains("Bartholomew") || auditFile.contains("Zebedee"), "names never reach the audit log");
        assertFalse(java.nio.file.Files.readString(DATA_DIR.resolve("attendance.json")).contains("Bartholomew"),
                "names are sealed at rest");
    }

    @Test
    void aBreachReportLocksRemovesAndOpensAnIncidentThatAdminsFollowUpAndExport() throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "breach.owner", "Breach");
        ApiClient.OpenRoom other = api.openRoom(ADMIN_PASSWORD, "breach.other", "Elsewhere");
        String report = "Bartholomew was recording the session on his phone.";
        JsonNode incident;
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", room.invite())
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");
            ApiClient.Reply reply = api.postJson("/api/rooms/" + room.roomId() + "/incidents",
                    Map.of("text", report, "lock", true, "remove", List.of(memberId), "rotateLink", true),
                    room.facilitator().cookie(), room.facilitator().csrfToken());
            assertEquals(201, reply.status(), reply.body().toString());
            incident = reply.body();
            member.expect("removed");
            assertTrue(host.expect("lock-changed").get("locked").asBoolean());
            assertTrue(relay.calls.contains("close " + memberId), "the relay closed the removed member's media");
            List<String> actions = new java.util.ArrayList<>();
            incident.get("actions").forEach(a -> actions.add(a.asString()));
            assertEquals(List.of("room-locked", "removed:" + memberId, "link-rotated"), actions);
        }
        assertEquals("open", incident.get("status").asString());
        assertEquals(report, incident.get("report").asString());
        assertFalse(incident.get("auditEntries").isEmpty(), "the lock and the removal are linked");
        String incidentId = incident.get("incidentId").asString();

        assertEquals(404, api.get("/api/rooms/" + room.roomId() + "/incidents", other.facilitator().cookie()).status(),
                "another facilitator cannot see this room's incidents");
        assertEquals(403, api.get("/api/admin/incidents", other.facilitator().cookie()).status());
        assertEquals(1, api.get("/api/rooms/" + room.roomId() + "/incidents", room.facilitator().cookie()).body().size());

        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        JsonNode listed = api.get("/api/admin/incidents", admin.cookie()).body();
        assertTrue(listed.toString().contains(incidentId) && listed.toString().contains(report));
        String statusPath = "/api/admin/incidents/" + incidentId + "/status";
        assertEquals("mitigated", putAs(api, statusPath, Map.of("status", "mitigated"), admin).body().get("status").asString());
        assertEquals("bad-state", putAs(api, statusPath, Map.of("status", "open"), admin).body().get("code").asString());
        assertEquals("closed", put(api, "/api/rooms/" + room.roomId() + "/incidents/" + incidentId + "/status",
                Map.of("status", "closed"), room.facilitator()).body().get("status").asString());

        JsonNode export = api.get("/api/admin/incidents/" + incidentId + "/export", admin.cookie()).body();
        String document = export.get("document").asString();
        assertTrue(dev.hearth.signaling.care.IncidentExport.verify(document, export.get("publicKey").asString(),
                export.get("signature").asString()));
        assertFalse(dev.hearth.signaling.care.IncidentExport.verify(document.replace("closed", "open"),
                export.get("publicKey").asString(), export.get("signature").asString()), "a changed document fails");
        assertTrue(document.contains(report) && document.contains("\"closed\""));

        List<String> types = audit.page(0, 10_000).stream().filter(e -> e.subject().equals(incidentId))
                .map(dev.hearth.signaling.audit.AuditEntry::type).toList();
        assertEquals(List.of("incident.open", "incident.status", "incident.status", "incident.export"), types);
        assertFalse(java.nio.file.Files.readString(DATA_DIR.resolve("incidents.json")).contains("recording the session"),
                "the report is sealed at rest");
        assertFalse(java.nio.file.Files.readString(DATA_DIR.resolve("audit.log")).contains("recording the session"));
    }

    private static ApiClient.Reply putAs(ApiClient api, String path, Map<String, ?> body, ApiClient.Login as) {
        return put(api, path, body, as);
    }

    @Test
    void aMemberMarkedAsHavingLeftTheGroupIsRemovedAndTheirSeatNeverKnocksAgain() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "roster.owner", "Roster");
        ApiClient.OpenRoom other = api.openRoom(ADMIN_PASSWORD, "roster.other", "Not yours");
        String seat = "roster-seat-000000000001";
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket member = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            String memberId = member.reply(member.send("join", m -> m.put("invite", room.invite()).put("seat", seat)
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())))
                    .get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", memberId)));
            member.expect("admitted");
            JsonNode roster = api.get("/api/rooms/" + room.roomId() + "/roster", room.facilitator().cookie()).body();
            assertEquals(1, roster.size());
            assertEquals("Bartholomew", roster.get(0).get("firstName").asString());
            assertEquals(java.util.Set.of("memberId", "firstName", "since", "leftGroup"),
                    java.util.Set.copyOf(roster.get(0).propertyNames()), "first names only, no seat");
            String memberLine = roster.get(0).get("memberId").asString();
            assertEquals(404, api.get("/api/rooms/" + room.roomId() + "/roster", other.facilitator().cookie()).status(),
                    "another facilitator cannot see this room's roster");
            assertEquals(404, api.postJson("/api/rooms/" + room.roomId() + "/roster/" + memberLine + "/departure", Map.of(),
                    other.facilitator().cookie(), other.facilitator().csrfToken()).status());

            ApiClient.Reply left = api.postJson("/api/rooms/" + room.roomId() + "/roster/" + memberLine + "/departure",
                    Map.of(), room.facilitator().cookie(), room.facilitator().csrfToken());
            assertEquals(200, left.status(), left.body().toString());
            assertTrue(left.body().get(0).get("leftGroup").asBoolean());
            member.expect("removed");
        }
        try (TestSocket again = TestSocket.open(port, null)) {
            again.expectError(again.send("join", m -> m.put("invite", room.invite()).put("seat", seat)
                    .put("firstName", "Bartholomew").put("agreementVersion", room.agreementVersion())), "left-group");
        }
    }

    @Test
    void leavingTheGroupWithdrawsTheMembersOwnInviteButNotTheLinkOthersShare() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom room = api.openRoom(ADMIN_PASSWORD, "roster.invites", "Own invites");
        ApiClient.Reply issued = api.postJson("/api/rooms/" + room.roomId() + "/invites", Map.of("days", 7),
                room.facilitator().cookie(), room.facilitator().csrfToken());
        assertEquals(201, issued.status(), issued.body().toString());
        String url = issued.body().get("url").asString();
        String personal = url.substring(url.lastIndexOf('/') + 1);
        try (TestSocket host = TestSocket.open(port, room.facilitator().cookie());
             TestSocket leaving = TestSocket.open(port, null);
             TestSocket staying = TestSocket.open(port, null)) {
            host.reply(host.send("enter", m -> m.put("roomId", room.roomId()).put("firstName", "Hester")));
            String leaver = leaving.reply(leaving.send("join", m -> m.put("invite", personal)
                    .put("seat", "roster-seat-000000000002").put("firstName", "Bartholomew")
                    .put("agreementVersion", room.agreementVersion()))).get("participantId").asString();
            String stayer = staying.reply(staying.send("join", m -> m.put("invite", room.invite())
                    .put("seat", "roster-seat-000000000003").put("firstName", "Ines")
                    .put("agreementVersion", room.agreementVersion()))).get("participantId").asString();
            host.reply(host.send("admit", m -> m.put("participantId", leaver)));
            host.reply(host.send("admit", m -> m.put("participantId", stayer)));
            leaving.expect("admitted");
            staying.expect("admitted");
            JsonNode roster = api.get("/api/rooms/" + room.roomId() + "/roster", room.facilitator().cookie()).body();
            String line = roster.get(0).get("memberId").asString();
            assertEquals(200, api.postJson("/api/rooms/" + room.roomId() + "/roster/" + line + "/departure", Map.of(),
                    room.facilitator().cookie(), room.facilitator().csrfToken()).status());
            leaving.expect("removed");
        }
        try (TestSocket otherDevice = TestSocket.open(port, null);
             TestSocket newcomer = TestSocket.open(port, null)) {
            otherDevice.expectError(otherDevice.send("join", m -> m.put("invite", personal)
                    .put("seat", "roster-seat-000000000004").put("firstName", "Bartholomew")
                    .put("agreementVersion", room.agreementVersion())), "invite-revoked");
            assertTrue(newcomer.reply(newcomer.send("join", m -> m.put("invite", room.invite())
                    .put("seat", "roster-seat-000000000005").put("firstName", "Noor")
                    .put("agreementVersion", room.agreementVersion()))).has("participantId"),
                    "the link the rest of the group shares still works");
        }
    }

    @Test
    void aFacilitatorSeesAndChangesNothingOfAnothersRoom() {
        ApiClient api = new ApiClient(port);
        ApiClient.OpenRoom mine = api.openRoom(ADMIN_PASSWORD, "boundary.owner", "Mine");
        ApiClient.OpenRoom theirs = api.openRoom(ADMIN_PASSWORD, "boundary.other", "Theirs");
        String path = "/api/rooms/" + mine.roomId();
        assertEquals(404, api.get(path + "/agreement", theirs.facilitator().cookie()).status());
        assertEquals(404, api.get(path + "/facilitators", theirs.facilitator().cookie()).status());
        assertEquals(404, put(api, path + "/agreement", Map.of("text", "Mine now."), theirs.facilitator()).status());
        assertEquals(404, api.postJson(path + "/facilitators", Map.of("username", "boundary.other"),
                theirs.facilitator().cookie(), theirs.facilitator().csrfToken()).status(), "nobody adds themselves");
        assertEquals(404, api.get("/api/rooms/r-aaaaaaaaaaaaaaaa/agreement", theirs.facilitator().cookie()).status(),
                "another's room looks the same as one that does not exist");
        assertEquals(1, api.get("/api/rooms", theirs.facilitator().cookie()).body().size());
        // A co-facilitator moderates but does not choose who else facilitates.
        api.postJson(path + "/facilitators", Map.of("username", "boundary.other"), mine.facilitator().cookie(),
                mine.facilitator().csrfToken());
        assertEquals(403, api.postJson(path + "/facilitators", Map.of("username", "boundary.owner"),
                theirs.facilitator().cookie(), theirs.facilitator().csrfToken()).status());
        assertEquals(404, api.postJson(path + "/facilitators", Map.of("username", "admin"),
                mine.facilitator().cookie(), mine.facilitator().csrfToken()).status(), "only facilitator accounts");
        assertEquals(1, mine.agreementVersion());
    }

    private static ApiClient.Reply put(ApiClient api, String path, Map<String, ?> body, ApiClient.Login as) {
        return api.send(api.request(path).header("Content-Type", "application/json")
                .header("Cookie", as.cookie()).header(dev.hearth.signaling.web.security.SecurityConfiguration.CSRF_HEADER,
                        as.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(ApiClient.json(body))));
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

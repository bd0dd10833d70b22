package dev.hearth.signaling.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.relay.recording.RecordingStatus;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerSigningKey;
import dev.hearth.signaling.web.ApiClient;
import dev.hearth.signaling.web.security.SecurityConfiguration;
import dev.hearth.signaling.web.ApiTestConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** Listings, export, consent ledger, legal hold and retention over HTTP, with time moved by the clock. */
@Import({InMemoryArchiveConfiguration.class, ApiTestConfiguration.class})
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + RecordingApiTest.ADMIN_PASSWORD,
        "HEARTH_RETENTION_FLOOR_DAYS=100"})
class RecordingApiTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-41";
    private static final String FACILITATOR_PASSWORD = "Amber-Delta-Facilitator-88";

    @LocalServerPort
    int port;

    @Value("${" + HearthSettings.DATA_DIR + "}")
    Path dataDir;

    @Autowired
    MutableClock clock;

    @Autowired
    InMemoryArchive archive;

    @Autowired
    RecordingCatalog catalog;

    @Autowired
    ConsentLedger ledger;

    @Autowired
    AuditLog audit;

    @Autowired
    AccountStore accounts;

    private ApiClient api;
    private ApiClient.Login admin;

    private record Facilitator(String accountId, ApiClient.Login login) {
    }

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        // Past earlier sessions and rate-limit windows.
        clock.advance(Duration.ofHours(13));
        admin = api.login("admin", ADMIN_PASSWORD);
    }

    private Facilitator newFacilitator() {
        String username = "fac" + Long.toString(System.nanoTime(), 36);
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", username, "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body().toString());
        return new Facilitator(created.body().get("id").asString(), api.login(username, FACILITATOR_PASSWORD));
    }

    /** A finished one-minute recording of {@code owner}'s room, with its ledger, ended now. */
    private String recording(String ownerAccountId, String... names) {
        RecordingId id = RecordingId.random();
        Instant start = clock.instant().minus(Duration.ofMinutes(1));
        ParticipantId first = ParticipantId.random();
        ledger.record(new ConsentEvent.ConsentGiven(id, first), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        Map<String, String> named = new java.util.LinkedHashMap<>();
        for (String name : names) {
            named.put(ParticipantId.random().value(), name);
        }
        catalog.started(id.value(), "r-room", ownerAccountId, start, named);
        catalog.ended(id.value(), clock.instant());
        archive.add(new RecordingInfo(id.value(), "r-room", start, Duration.ofMinutes(1), RecordingStatus.COMPLETE,
                List.copyOf(named.keySet()), 4096));
        return id.value();
    }

    private ApiClient.Reply put(String path, Map<String, ?> body, ApiClient.Login login) {
        return api.send(api.request(path)
                .header("Content-Type", "application/json")
                .header("Cookie", login.cookie())
                .header(SecurityConfiguration.CSRF_HEADER, login.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.json(body))));
    }

    private List<AuditEntry> auditEntries(String type, String subject) {
        return audit.page(0, 100_000).stream()
                .filter(e -> e.type().equals(type) && e.subject().equals(subject)).toList();
    }

    @Test
    void retentionIsValidatedPersistedAndAdminOnly() {
        ApiClient.Reply initial = api.get("/api/admin/retention", admin.cookie());
        assertEquals(200, initial.status());
        assertEquals(100, initial.body().get("floorDays").asInt());
        assertTrue(initial.body().get("consentLedgerDays").asInt() >= 100, "never below the floor");

        ApiClient.Reply tooLong = put("/api/admin/retention",
                Map.of("recordingDays", 3651, "consentLedgerDays", 2190, "auditLogDays", 2190), admin);
        assertEquals(400, tooLong.status());
        assertEquals("invalid-retention", tooLong.code());
        assertTrue(tooLong.body().get("message").asString().contains("0 to 3650"));

        ApiClient.Reply belowFloor = put("/api/admin/retention",
                Map.of("recordingDays", 7, "consentLedgerDays", 99, "auditLogDays", 2190), admin);
        assertEquals(400, belowFloor.status());
        assertTrue(belowFloor.body().get("message").asString().contains("consentLedgerDays must be from 100"));

        ApiClient.Reply missing = put("/api/admin/retention", Map.of("recordingDays", 7), admin);
        assertEquals("invalid-retention", missing.code());
        ApiClient.Reply notANumber = put("/api/admin/retention",
                Map.of("recordingDays", "seven", "consentLedgerDays", 100, "auditLogDays", 100), admin);
        assertEquals("invalid-retention", notANumber.code());

        Facilitator facilitator = newFacilitator();
        assertEquals(403, api.get("/api/admin/retention", facilitator.login().cookie()).status());
        assertEquals(403, put("/api/admin/retention",
                Map.of("recordingDays", 7, "consentLedgerDays", 100, "auditLogDays", 100), facilitator.login()).status());

        ApiClient.Reply saved = put("/api/admin/retention",
                Map.of("recordingDays", 7, "consentLedgerDays", 100, "auditLogDays", 365), admin);
        assertEquals(200, saved.status(), saved.body().toString());
        JsonNode now = api.get("/api/admin/retention", admin.cookie()).body();
        assertEquals(7, now.get("recordingDays").asInt());
        assertEquals(365, now.get("auditLogDays").asInt());
        assertFalse(audit.page(0, 100_000).stream().filter(e -> e.type().equals("retention.change")).toList().isEmpty());
    }

    @Test
    void holdBlocksThePurgeUntilReleasedAndThePurgeShredsThroughTheArchive() {
        put("/api/admin/retention", Map.of("recordingDays", 1, "consentLedgerDays", 100, "auditLogDays", 100), admin);
        String id = recording("acct-someone", "Wren");

        ApiClient.Reply held = put("/api/recordings/" + id + "/hold", Map.of("hold", true), admin);
        assertEquals(200, held.status(), held.body().toString());
        assertTrue(held.body().get("hold").asBoolean());
        clock.advance(Duration.ofDays(2));
        admin = api.login("admin", ADMIN_PASSWORD);

        ApiClient.Reply blocked = api.postJson("/api/admin/retention/purge", Map.of(), admin.cookie(), admin.csrfToken());
        assertEquals(200, blocked.status(), blocked.body().toString());
        assertFalse(archive.shredded.contains(id));
        assertTrue(blocked.body().get("recordingsOnHold").asInt() >= 1);
        assertTrue(catalog.find(id).isPresent());

        assertEquals(200, put("/api/recordings/" + id + "/hold", Map.of("hold", false), admin).status());
        ApiClient.Reply purged = api.postJson("/api/admin/retention/purge", Map.of(), admin.cookie(), admin.csrfToken());
        assertTrue(archive.shredded.contains(id));
        assertTrue(purged.body().get("recordingsShredded").toString().contains(id));
        assertTrue(catalog.find(id).isEmpty(), "the catalog entry and its names are gone");
        assertEquals(1, auditEntries("recording.hold", id).size());
        assertEquals(1, auditEntries("recording.release", id).size());
        assertEquals(1, auditEntries("recording.purge", id).size());
        assertTrue(audit.verify().ok());
    }

    @Test
    void holdIsAdminOnlyAndNeedsABoolean() {
        Facilitator owner = newFacilitator();
        String id = recording(owner.accountId(), "Wren");
        assertEquals(403, put("/api/recordings/" + id + "/hold", Map.of("hold", true), owner.login()).status());
        assertEquals("bad-request", put("/api/recordings/" + id + "/hold", Map.of("hold", "yes"), admin).code());
        assertEquals(404, put("/api/recordings/" + RecordingId.random().value() + "/hold", Map.of("hold", true), admin).status());
        assertEquals(404, put("/api/recordings/not-an-id/hold", Map.of("hold", true), admin).status());
    }

    @Test
    void theFacilitatorOfTheRoomExportsWebmAndEveryExportIsAudited() throws Exception {
        Facilitator owner = newFacilitator();
        String id = recording(owner.accountId(), "Wren");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                api.request("/api/recordings/" + id + "/export").header("Cookie", owner.login().cookie()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("video/webm", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"" + id + ".webm\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        assertArrayEquals(InMemoryArchive.WEBM_MAGIC, response.body());

        HttpResponse<byte[]> byAdmin = HttpClient.newHttpClient().send(
                api.request("/api/recordings/" + id + "/export").header("Cookie", admin.cookie()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, byAdmin.statusCode());

        List<AuditEntry> exports = auditEntries("recording.export", id);
        assertEquals(List.of(owner.accountId(), adminId()), exports.stream().map(AuditEntry::actor).toList());
    }

    @Test
    void aFacilitatorOfAnotherRoomIsForbidden() {
        Facilitator owner = newFacilitator();
        Facilitator other = newFacilitator();
        String id = recording(owner.accountId(), "Wren");
        ApiClient.Reply export = api.get("/api/recordings/" + id + "/export", other.login().cookie());
        assertEquals(403, export.status());
        assertEquals("forbidden", export.code());
        assertEquals(403, api.get("/api/recordings/" + id + "/consent", other.login().cookie()).status());
        JsonNode theirs = api.get("/api/recordings", other.login().cookie()).body();
        assertFalse(theirs.toString().contains(id));
        assertTrue(auditEntries("recording.export", id).isEmpty());
        assertEquals(401, api.get("/api/recordings/" + id + "/export", null).status());
    }

    @Test
    void listingShowsNamesDurationExpiryHoldAndState() {
        put("/api/admin/retention", Map.of("recordingDays", 30, "consentLedgerDays", 100, "auditLogDays", 100), admin);
        Facilitator owner = newFacilitator();
        String id = recording(owner.accountId(), "Wren", "Ilse");
        JsonNode list = api.get("/api/recordings", owner.login().cookie()).body();
        assertEquals(1, list.size(), list.toString());
        JsonNode row = list.get(0);
        assertEquals(id, row.get("recordingId").asString());
        assertEquals("r-room", row.get("roomId").asString());
        assertEquals(List.of("Wren", "Ilse"), List.of(row.get("participants").get(0).asString(), row.get("participants").get(1).asString()));
        assertEquals(60, row.get("recordedSeconds").asInt());
        assertEquals("COMPLETE", row.get("state").asString());
        assertFalse(row.get("hold").asBoolean());
        assertEquals(Instant.parse(row.get("endedAt").asString()).plus(Duration.ofDays(30)),
                Instant.parse(row.get("expiresAt").asString()));
        JsonNode all = api.get("/api/recordings", admin.cookie()).body();
        assertTrue(all.toString().contains(id));
    }

    @Test
    void consentLedgerIsServedVerifiedAndTheAnswerVerifiesOffline() throws Exception {
        Facilitator owner = newFacilitator();
        String id = recording(owner.accountId(), "Wren");
        ApiClient.Reply reply = api.get("/api/recordings/" + id + "/consent", owner.login().cookie());
        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals(3, reply.body().get("entries").size());
        assertTrue(reply.body().at("/verification/ok").asBoolean());
        assertTrue(reply.body().at("/verification/closed").asBoolean());
        assertEquals(LedgerSigningKey.loadOrCreate(dataDir).publicKeyBase64(), reply.body().get("publicKey").asString());
        assertEquals(1, auditEntries("ledger.view", id).size());

        Path saved = dataDir.resolve("saved-" + id + ".json");
        Files.writeString(saved, reply.raw().body());
        assertEquals(0, runVerifier(saved.toString(), dataDir.resolve(LedgerSigningKey.PUBLIC_FILE).toString()));
        Files.writeString(saved, reply.raw().body().replace("recording-stopped", "recording-resumed"));
        assertEquals(1, runVerifier(saved.toString(), dataDir.resolve(LedgerSigningKey.PUBLIC_FILE).toString()));
    }

    private static int runVerifier(String... args) throws Exception {
        Method run = Class.forName("dev.hearth.signaling.ledger.VerifyLedger")
                .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return (int) run.invoke(null, args, sink, sink);
    }

    private String adminId() {
        return accounts.findByUsername("admin").orElseThrow().id();
    }
}

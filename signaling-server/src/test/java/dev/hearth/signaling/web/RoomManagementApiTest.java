package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.relay.recording.RecordingStatus;
import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.recording.InMemoryArchive;
import dev.hearth.signaling.recording.InMemoryArchiveConfiguration;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/** Issue 13 items 1 and 8 over HTTP: a facilitator's invites and room management, and who may do it. */
@Import({InMemoryArchiveConfiguration.class, ApiTestConfiguration.class})
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + RoomManagementApiTest.ADMIN_PASSWORD})
class RoomManagementApiTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-41";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    InMemoryArchive archive;

    @Autowired
    RecordingCatalog catalog;

    @Autowired
    AuditLog audit;

    private ApiClient api;
    private static int rooms;

    @BeforeEach
    void freshWindow() {
        api = new ApiClient(port);
        clock.advance(Duration.ofHours(13));
    }

    private ApiClient.OpenRoom openRoom() {
        rooms++;
        return api.openRoom(ADMIN_PASSWORD, "rooms.f" + rooms, "Group " + rooms);
    }

    private ApiClient.Reply post(ApiClient.Login login, String path, Map<String, ?> body) {
        return api.postJson(path, body, login.cookie(), login.csrfToken());
    }

    private ApiClient.Reply delete(ApiClient.Login login, String path) {
        return api.send(api.request(path).header("Cookie", login.cookie())
                .header(dev.hearth.signaling.web.security.SecurityConfiguration.CSRF_HEADER, login.csrfToken())
                .DELETE());
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private List<String> auditTypes() {
        return audit.page(0, 10_000).stream().map(AuditEntry::type).toList();
    }

    @Test
    void theRoomsLinkIsTheSameOnEveryListingAndIsListedAsAnInvite() {
        ApiClient.OpenRoom room = openRoom();
        JsonNode listed = api.get("/api/rooms", room.facilitator().cookie()).body();
        assertEquals(room.invite(), token(listed.get(0).get("inviteUrl").asString()));
        ApiClient.Reply invites = api.get("/api/rooms/" + room.roomId() + "/invites", room.facilitator().cookie());
        assertEquals(200, invites.status(), invites.body().toString());
        assertEquals(1, invites.body().get("invites").size());
        assertEquals("active", invites.body().at("/invites/0/status").asString());
        assertEquals(room.invite(), token(invites.body().at("/invites/0/url").asString()));
    }

    @Test
    void aRevokedInviteIsRefusedWithInviteRevokedAndOthersKeepWorking() {
        ApiClient.OpenRoom room = openRoom();
        ApiClient.Reply second = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/invites", Map.of("days", 7));
        assertEquals(201, second.status(), second.body().toString());
        String inviteId = api.get("/api/rooms/" + room.roomId() + "/invites", room.facilitator().cookie()).body()
                .at("/invites/1/inviteId").asString();

        ApiClient.Reply revoked = post(room.facilitator(),
                "/api/rooms/" + room.roomId() + "/invites/" + inviteId + "/revoke", Map.of());
        assertEquals(200, revoked.status(), revoked.body().toString());
        assertEquals("revoked", revoked.body().get("status").asString());

        ApiClient.Reply join = api.get("/api/invites/" + room.invite(), null);
        assertEquals(410, join.status());
        assertEquals("invite-revoked", join.code());
        assertTrue(join.body().get("message").asString().contains("withdrawn"));
        assertEquals(200, api.get("/api/invites/" + token(second.body().get("url").asString()), null).status());
        assertTrue(auditTypes().contains("invite.revoke"));
    }

    @Test
    void theFacilitatorChoosesHowLongAnInviteWorksWithinTheLimit() {
        ApiClient.OpenRoom room = openRoom();
        ApiClient.Reply week = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/invites", Map.of("days", 7));
        assertEquals(clock.instant().plus(Duration.ofDays(7)).getEpochSecond(),
                java.time.Instant.parse(week.body().get("expiresAt").asString()).getEpochSecond());
        for (int days : new int[] {0, -1, RoomManagementController.MAX_INVITE_DAYS + 1}) {
            ApiClient.Reply refused = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/invites",
                    Map.of("days", days));
            assertEquals(400, refused.status(), days + " days: " + refused.body());
        }
        clock.advance(Duration.ofDays(7));
        assertEquals("invite-expired", api.get("/api/invites/" + token(week.body().get("url").asString()), null).code());
    }

    @Test
    void rotatingTheLinkEndsEveryOldInviteAndGivesANewOne() {
        ApiClient.OpenRoom room = openRoom();
        ApiClient.Reply extra = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/invites", Map.of("days", 3));
        ApiClient.Reply rotated = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/invites/rotate", Map.of());
        assertEquals(200, rotated.status(), rotated.body().toString());
        assertEquals("invite-revoked", api.get("/api/invites/" + room.invite(), null).code());
        assertEquals("invite-revoked", api.get("/api/invites/" + token(extra.body().get("url").asString()), null).code());
        String fresh = token(rotated.body().get("url").asString());
        assertEquals(200, api.get("/api/invites/" + fresh, null).status());
        JsonNode listed = api.get("/api/rooms", room.facilitator().cookie()).body();
        assertEquals(fresh, token(listed.get(0).get("inviteUrl").asString()));
    }

    @Test
    void anotherFacilitatorCanNeitherSeeNorChangeTheRoomsInvitesOrTheRoom() {
        ApiClient.OpenRoom room = openRoom();
        ApiClient.OpenRoom other = openRoom();
        ApiClient.Login intruder = other.facilitator();
        String base = "/api/rooms/" + room.roomId();
        String inviteId = api.get(base + "/invites", room.facilitator().cookie()).body().at("/invites/0/inviteId").asString();
        long auditBefore = audit.size();

        List<ApiClient.Reply> replies = List.of(
                api.get(base + "/invites", intruder.cookie()),
                post(intruder, base + "/invites", Map.of("days", 1)),
                post(intruder, base + "/invites/" + inviteId + "/revoke", Map.of()),
                // Through the intruder's own room: the invite is not theirs to revoke.
                post(intruder, "/api/rooms/" + other.roomId() + "/invites/" + inviteId + "/revoke", Map.of()),
                post(intruder, base + "/invites/rotate", Map.of()),
                post(intruder, base + "/title", Map.of("title", "Mine now")),
                post(intruder, base + "/archive", Map.of("archived", true)),
                delete(intruder, base));
        for (ApiClient.Reply reply : replies) {
            assertEquals(404, reply.status(), reply.body().toString());
            assertEquals("not-found", reply.code());
        }
        assertEquals(200, api.get("/api/invites/" + room.invite(), null).status());
        assertEquals(auditBefore, audit.size(), "nothing happened");

        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        ApiClient.Reply asAdmin = api.get(base + "/invites", admin.cookie());
        assertEquals(403, asAdmin.status());
        assertEquals("forbidden", asAdmin.code());
        assertEquals(401, api.get(base + "/invites", null).status());
    }

    @Test
    void aRenamedRoomShowsItsNewTitleOnTheJoinPage() {
        ApiClient.OpenRoom room = openRoom();
        ApiClient.Reply renamed = post(room.facilitator(), "/api/rooms/" + room.roomId() + "/title",
                Map.of("title", "Thursday circle"));
        assertEquals(200, renamed.status(), renamed.body().toString());
        assertEquals("Thursday circle", api.get("/api/invites/" + room.invite(), null).body().get("roomTitle").asString());
        assertEquals(400, post(room.facilitator(), "/api/rooms/" + room.roomId() + "/title",
                Map.of("title", "two\nlines")).status());
        assertTrue(auditTypes().contains("room.rename"));
    }

    @Test
    void anArchivedRoomTakesNoInvitesUntilItIsBroughtBack() {
        ApiClient.OpenRoom room = openRoom();
        String base = "/api/rooms/" + room.roomId();
        ApiClient.Reply archived = post(room.facilitator(), base + "/archive", Map.of("archived", true));
        assertEquals(200, archived.status(), archived.body().toString());
        assertEquals("invite-revoked", api.get("/api/invites/" + room.invite(), null).code());
        assertEquals("room-archived", post(room.facilitator(), base + "/invites", Map.of("days", 1)).code());
        JsonNode listed = api.get("/api/rooms", room.facilitator().cookie()).body().get(0);
        assertTrue(listed.get("archived").asBoolean());
        assertTrue(listed.get("inviteUrl").isNull());

        assertEquals(200, post(room.facilitator(), base + "/archive", Map.of("archived", false)).status());
        ApiClient.Reply fresh = post(room.facilitator(), base + "/invites", Map.of("days", 1));
        assertEquals(201, fresh.status());
        assertEquals(200, api.get("/api/invites/" + token(fresh.body().get("url").asString()), null).status());
    }

    @Test
    void deletingARoomShredsItsRecordingsButNotThoseOnLegalHold() {
        ApiClient.OpenRoom room = openRoom();
        String plain = "rec-del-" + rooms + "a";
        String held = "rec-del-" + rooms + "b";
        for (String id : List.of(plain, held)) {
            catalog.started(id, room.roomId(), "acct", clock.instant(), Map.of("p-1", "Sam"));
            catalog.ended(id, clock.instant());
            archive.add(new RecordingInfo(id, room.roomId(), clock.instant(), Duration.ofMinutes(1),
                    RecordingStatus.COMPLETE, List.of("p-1"), 1000));
        }
        catalog.setHold(held, true, Optional.empty());

        ApiClient.Reply deleted = delete(room.facilitator(), "/api/rooms/" + room.roomId());
        assertEquals(200, deleted.status(), deleted.body().toString());
        assertEquals(1, deleted.body().get("recordingsShredded").asInt());
        assertEquals(1, deleted.body().get("recordingsKeptOnHold").asInt());
        assertTrue(archive.shredded.contains(plain));
        assertFalse(archive.shredded.contains(held));
        assertTrue(catalog.find(held).isPresent());
        assertEquals(0, api.get("/api/rooms", room.facilitator().cookie()).body().size());
        assertNotEquals(200, api.get("/api/invites/" + room.invite(), null).status());
        assertTrue(auditTypes().contains("room.delete"));
    }

    @Test
    void aRoomThatCannotShredItsRecordingsIsArchivedNotDeleted() {
        ApiClient.OpenRoom room = openRoom();
        String id = "rec-fail-" + rooms;
        archive.add(new RecordingInfo(id, room.roomId(), clock.instant(), Duration.ofMinutes(1),
                RecordingStatus.COMPLETE, List.of("p-1"), 1000));
        archive.failShredding = true;
        try {
            ApiClient.Reply refused = delete(room.facilitator(), "/api/rooms/" + room.roomId());
            assertEquals(500, refused.status());
            assertEquals("shred-failed", refused.code());
            JsonNode listed = api.get("/api/rooms", room.facilitator().cookie()).body();
            assertEquals(1, listed.size());
            assertTrue(listed.get(0).get("archived").asBoolean());
        } finally {
            archive.failShredding = false;
        }
        assertEquals(200, delete(room.facilitator(), "/api/rooms/" + room.roomId()).status());
    }
}

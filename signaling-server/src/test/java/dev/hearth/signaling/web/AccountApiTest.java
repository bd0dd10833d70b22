package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.web.security.StaffSessions;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + AccountApiTest.ADMIN_PASSWORD,
        "HEARTH_IDLE_LOGOFF_MINUTES=15"})
class AccountApiTest {

    static final String ADMIN_PASSWORD = "the admin passphrase";
    static final String FACILITATOR_PASSWORD = "a facilitator passphrase";

    @LocalServerPort
    int port;

    @Value("${" + HearthSettings.DATA_DIR + "}")
    Path dataDir;

    @Autowired
    MutableClock clock;

    @Autowired
    StaffSessions authenticated;

    private ApiClient api;

    @BeforeEach
    void freshWindow() {
        api = new ApiClient(port);
        // Every test starts after earlier sessions and rate-limit windows have run out.
        clock.advance(Duration.ofHours(13));
    }

    private ApiClient.Login admin() {
        return api.login("admin", ADMIN_PASSWORD);
    }

    private ApiClient.Login newFacilitator(String username) {
        ApiClient.Login admin = admin();
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", username, "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body().toString());
        return api.login(username, FACILITATOR_PASSWORD);
    }

    @Test
    void loginAnswersWithTheAccountAndAHardenedSessionCookie() {
        ApiClient.Login login = admin();
        assertEquals("admin", login.reply().body().get("username").asString());
        assertEquals("ADMIN", login.reply().body().get("role").asString());
        assertTrue(login.csrfToken().length() >= 43);
        String setCookie = login.reply().header("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("HEARTH_SESSION="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP in this test: " + setCookie);
        assertEquals("no-store", login.reply().header("Cache-Control").orElseThrow());
    }

    @Test
    void wrongPasswordAndUnknownUserAreBothBadCredentials() {
        ApiClient.Reply wrong = api.postJson("/api/login", Map.of("username", "admin", "password", "not the password"), null, null);
        ApiClient.Reply unknown = api.postJson("/api/login", Map.of("username", "ghost", "password", "not the password"), null, null);
        for (ApiClient.Reply reply : List.of(wrong, unknown)) {
            assertEquals(401, reply.status());
            assertEquals("bad-credentials", reply.code());
            assertTrue(reply.header("Set-Cookie").isEmpty());
        }
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void repeatedFailuresAreRateLimitedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api.postJson("/api/login", Map.of("username", "admin", "password", "guess number " + i), null, null).status());
        }
        ApiClient.Reply limited = api.postJson("/api/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), null, null);
        assertEquals(429, limited.status());
        assertEquals("rate-limited", limited.code());
        // The first delay is one second, doubling with each further failure from this address.
        assertEquals("1", limited.header("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        admin();
    }

    @Test
    void sessionEndpointReportsTheSignedInAccount() {
        ApiClient.Login login = admin();
        ApiClient.Reply session = api.get("/api/session", login.cookie());
        assertEquals(200, session.status());
        assertEquals("admin", session.body().get("username").asString());
        assertEquals(login.csrfToken(), session.body().get("csrfToken").asString());

        ApiClient.Reply anonymous = api.get("/api/session", null);
        assertEquals(401, anonymous.status());
        assertEquals("not-signed-in", anonymous.code());
        assertEquals(401, api.get("/api/session", "HEARTH_SESSION=forged").status());
    }

    @Test
    void changesWithoutTheCsrfTokenAreRefused() {
        ApiClient.Login login = admin();
        Map<String, String> body = Map.of("username", "csrf.victim", "password", FACILITATOR_PASSWORD);
        ApiClient.Reply missing = api.postJson("/api/admin/facilitators", body, login.cookie(), null);
        ApiClient.Reply wrong = api.postJson("/api/admin/facilitators", body, login.cookie(), "not-the-token");
        for (ApiClient.Reply reply : List.of(missing, wrong)) {
            assertEquals(403, reply.status());
            assertEquals("csrf", reply.code());
        }
        ApiClient.Reply noSession = api.postJson("/api/admin/facilitators", body, null, login.csrfToken());
        assertEquals(401, noSession.status());
        assertEquals(201, api.postJson("/api/admin/facilitators", body, login.cookie(), login.csrfToken()).status());
    }

    @Test
    void anotherUsersTokenDoesNotPassTheCsrfCheck() {
        ApiClient.Login first = admin();
        ApiClient.Login second = admin();
        ApiClient.Reply reply = api.postJson("/api/admin/facilitators",
                Map.of("username", "cross.token", "password", FACILITATOR_PASSWORD), first.cookie(), second.csrfToken());
        assertEquals(403, reply.status());
    }

    @Test
    void loginMustBeJsonFromThisOrigin() {
        String body = ApiClient.json(Map.of("username", "admin", "password", ADMIN_PASSWORD));
        ApiClient.Reply form = api.send(api.request("/api/login")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(415, form.status());
        assertEquals("json-required", form.code());

        ApiClient.Reply foreign = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, foreign.status());
        assertEquals("csrf", foreign.code());

        ApiClient.Reply sameOrigin = api.send(api.request("/api/login")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Origin", "http://localhost:" + port).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, sameOrigin.status());
    }

    @Test
    void adminCreatesAFacilitatorWhoCanSignIn() {
        ApiClient.Login admin = admin();
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", "Robin.Lee", "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status());
        assertEquals("robin.lee", created.body().get("username").asString());
        assertTrue(created.body().get("id").asString().startsWith("a-"));
        assertFalse(created.body().has("passwordHash"));

        ApiClient.Reply list = api.get("/api/admin/facilitators", admin.cookie());
        assertEquals(200, list.status());
        List<String> usernames = new ArrayList<>();
        list.body().forEach(f -> usernames.add(f.get("username").asString()));
        assertTrue(usernames.contains("robin.lee"));

        ApiClient.Login facilitator = api.login("robin.lee", FACILITATOR_PASSWORD);
        assertEquals("FACILITATOR", facilitator.reply().body().get("role").asString());
    }

    @Test
    void creatingAFacilitatorExplainsBadInput() {
        ApiClient.Login admin = admin();
        ApiClient.Reply weak = api.postJson("/api/admin/facilitators",
                Map.of("username", "weak.pw", "password", "short"), admin.cookie(), admin.csrfToken());
        assertEquals(400, weak.status());
        assertEquals("weak-password", weak.code());
        ApiClient.Reply taken = api.postJson("/api/admin/facilitators",
                Map.of("username", "ADMIN", "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(409, taken.status());
        assertEquals("username-taken", taken.code());
    }

    @Test
    void facilitatorIsForbiddenFromTheAdminApi() {
        ApiClient.Login facilitator = newFacilitator("kim.facilitator");
        for (ApiClient.Reply reply : List.of(
                api.get("/api/admin/facilitators", facilitator.cookie()),
                api.get("/api/admin/audit", facilitator.cookie()),
                api.postJson("/api/admin/facilitators", Map.of("username", "sneaky", "password", FACILITATOR_PASSWORD),
                        facilitator.cookie(), facilitator.csrfToken()))) {
            assertEquals(403, reply.status());
            assertEquals("forbidden", reply.code());
        }
        assertEquals(401, api.get("/api/admin/facilitators", null).status());
    }

    @Test
    void idleSessionIsSignedOutAndActivityKeepsItAlive() {
        ApiClient.Login login = admin();
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, api.get("/api/session", login.cookie()).status());
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, api.get("/api/session", login.cookie()).status());
        clock.advance(Duration.ofMinutes(15));
        ApiClient.Reply expired = api.get("/api/session", login.cookie());
        assertEquals(401, expired.status());
        assertEquals("not-signed-in", expired.code());
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        ApiClient.Login login = admin();
        ApiClient.Reply logout = api.postJson("/api/logout", Map.of(), login.cookie(), login.csrfToken());
        assertEquals(204, logout.status());
        String cleared = logout.header("Set-Cookie").orElseThrow();
        assertTrue(cleared.startsWith("HEARTH_SESSION=;") && cleared.contains("Max-Age=0"), cleared);
        assertEquals(401, api.get("/api/session", login.cookie()).status());
    }

    @Test
    void reloginReplacesThePreviousSession() {
        ApiClient.Login first = admin();
        ApiClient.Reply second = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .header("Cookie", first.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(Map.of("username", "admin", "password", ADMIN_PASSWORD)))));
        assertEquals(200, second.status());
        assertEquals(401, api.get("/api/session", first.cookie()).status());
    }

    @Test
    void accountsSurviveARestart() {
        newFacilitator("survivor");
        AccountStore reopened = AccountStore.open(dataDir, clock);
        Account survivor = reopened.findByUsername("survivor").orElseThrow();
        assertEquals(Role.FACILITATOR, survivor.role());
        assertTrue(reopened.findByUsername("admin").isPresent());
    }

    @Test
    void auditPageShowsVerifiedEntriesToAdmins() {
        ApiClient.Login admin = admin();
        ApiClient.Reply page = api.get("/api/admin/audit?offset=0&limit=500", admin.cookie());
        assertEquals(200, page.status());
        assertTrue(page.body().get("verified").asBoolean());
        long total = page.body().get("total").asLong();
        assertTrue(total >= 2);
        JsonNode entries = page.body().get("entries");
        assertEquals(Math.min(total, 500), entries.size());
        assertEquals(1, entries.get(0).get("seq").asLong());
        assertEquals("admin.created", entries.get(0).get("type").asString());

        ApiClient.Reply newest = api.get("/api/admin/audit?offset=" + (total - 1) + "&limit=1", admin.cookie());
        assertEquals("login.succeeded", newest.body().get("entries").get(0).get("type").asString());

        for (String query : List.of("limit=501", "limit=0", "offset=-1", "limit=abc")) {
            ApiClient.Reply bad = api.get("/api/admin/audit?" + query, admin.cookie());
            assertEquals(400, bad.status(), query);
            assertEquals("bad-request", bad.code(), query);
        }
    }

    @Test
    void auditFileNeverContainsUsernamesOrSecrets() throws IOException {
        ApiClient.Login login = newFacilitator("secret.name");
        String audit = Files.readString(dataDir.resolve(AuditLog.FILE_NAME));
        assertFalse(audit.contains("secret.name"));
        assertFalse(audit.contains(FACILITATOR_PASSWORD));
        assertFalse(audit.contains(login.csrfToken()));
    }

    @Test
    void malformedInputGetsAClearAnswerNeverAServerError() {
        ApiClient.Reply garbage = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertEquals(400, garbage.status());
        assertEquals("bad-request", garbage.code());

        ApiClient.Reply empty = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, empty.status());

        ApiClient.Reply nullFields = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(401, nullFields.status());

        ApiClient.Reply wrongTypes = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":[1],\"password\":{}}")));
        assertEquals(400, wrongTypes.status());

        ApiClient.Reply huge = api.send(api.request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + "x".repeat(100_000) + "\"}")));
        assertEquals(413, huge.status());
        assertEquals("too-large", huge.code());

        ApiClient.Reply unknown = api.get("/api/no-such-thing", null);
        assertEquals(404, unknown.status());
        assertEquals("not-found", unknown.code());

        ApiClient.Reply wrongMethod = api.get("/api/login", null);
        assertEquals(405, wrongMethod.status());
        assertEquals("method-not-allowed", wrongMethod.code());
    }

    @Test
    void setupIsNotNeededOnceTheAdminExists() {
        ApiClient.Reply setup = api.get("/api/setup", null);
        assertEquals(200, setup.status());
        assertFalse(setup.body().get("needed").asBoolean());
        ApiClient.Reply late = api.postJson("/api/setup", Map.of("code", "aaaa-bbbb-cccc-dddd", "password", ADMIN_PASSWORD), null, null);
        assertEquals(409, late.status());
        assertEquals("setup-done", late.code());
    }

    @Test
    void webSocketHandshakeFindsTheAccountFromItsCookieHeader() {
        ApiClient.Login login = admin();
        assertEquals("admin", authenticated.fromCookieHeader("theme=dark; " + login.cookie()).orElseThrow().username());
        assertTrue(authenticated.fromCookieHeader("HEARTH_SESSION=forged").isEmpty());
        assertTrue(authenticated.fromCookieHeader(null).isEmpty());
    }
}

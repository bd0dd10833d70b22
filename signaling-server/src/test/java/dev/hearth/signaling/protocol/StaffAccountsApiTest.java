package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.account.Totp;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.web.ApiClient;
import dev.hearth.signaling.web.ApiTestConfiguration;
import dev.hearth.signaling.web.security.SecurityConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 item 6 over HTTP and the room socket: staff accounts managed by admins only, a disabled facilitator
 * signed out everywhere at once (their live room socket too), own password changes and the TOTP sign-in step.
 */
@Import({RecordingRelayConfiguration.class, ApiTestConfiguration.class})
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + StaffAccountsApiTest.ADMIN_PASSWORD})
class StaffAccountsApiTest {

    static final String ADMIN_PASSWORD = "Cobalt-Meadow-Admin-28";
    private static final String PASSWORD = "Amber-Thicket-Facilitator-45";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    private ApiClient api;
    private ApiClient.Login admin;
    private String username;
    private String facilitatorId;

    @BeforeEach
    void aFacilitator() {
        api = new ApiClient(port);
        clock.advance(Duration.ofHours(13));
        admin = api.login("admin", ADMIN_PASSWORD);
        username = "staff" + System.nanoTime() % 1_000_000;
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", username, "password", PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body()::toString);
        facilitatorId = created.body().get("id").asString();
    }

    private ApiClient.Reply post(ApiClient.Login login, String path, Map<String, ?> body) {
        return api.postJson(path, body, login.cookie(), login.csrfToken());
    }

    private ApiClient.Reply delete(ApiClient.Login login, String path) {
        return api.send(api.request(path).header("Cookie", login.cookie())
                .header(SecurityConfiguration.CSRF_HEADER, login.csrfToken()).DELETE());
    }

    private List<String> auditTypes() {
        return audit.page(0, 100_000).stream().map(AuditEntry::type).toList();
    }

    @Test
    void aFacilitatorCannotManageAccounts() {
        ApiClient.Login facilitator = api.login(username, PASSWORD);
        String other = api.postJson("/api/admin/facilitators", Map.of("username", username + "b", "password", PASSWORD),
                admin.cookie(), admin.csrfToken()).body().get("id").asString();
        long auditBefore = audit.size();
        for (ApiClient.Reply reply : List.of(
                api.get("/api/admin/facilitators", facilitator.cookie()),
                post(facilitator, "/api/admin/facilitators/" + other + "/disable", Map.of()),
                post(facilitator, "/api/admin/facilitators/" + other + "/enable", Map.of()),
                post(facilitator, "/api/admin/facilitators/" + other + "/password-reset", Map.of()),
                post(facilitator, "/api/admin/facilitators/" + other + "/two-step-off", Map.of()),
                delete(facilitator, "/api/admin/facilitators/" + other))) {
            assertEquals(403, reply.status(), reply.body()::toString);
            assertEquals("forbidden", reply.code());
        }
        assertEquals(auditBefore, audit.size());
        assertEquals(200, api.get("/api/session", api.login(username + "b", PASSWORD).cookie()).status());
    }

    @Test
    void disablingAFacilitatorEndsTheirSessionsAndRoomSocketAtOnce() {
        ApiClient.Login facilitator = api.login(username, PASSWORD);
        ApiClient.Login secondBrowser = api.login(username, PASSWORD);
        String roomId = post(facilitator, "/api/rooms", Map.of("title", "Evening group")).body().get("roomId").asString();
        try (TestSocket host = TestSocket.open(port, facilitator.cookie())) {
            host.reply(host.send("enter", m -> m.put("roomId", roomId).put("firstName", "Ngozi")));
            ApiClient.Reply disabled = post(admin, "/api/admin/facilitators/" + facilitatorId + "/disable", Map.of());
            assertEquals(200, disabled.status(), disabled.body()::toString);
            assertTrue(disabled.body().get("disabled").asBoolean());
            assertEquals("not-signed-in", host.expect("error").get("code").asString());
            host.awaitClosed();
        }
        assertEquals(401, api.get("/api/session", facilitator.cookie()).status());
        assertEquals(401, api.get("/api/session", secondBrowser.cookie()).status());
        ApiClient.Reply refused = api.postJson("/api/login", Map.of("username", username, "password", PASSWORD), null, null);
        assertEquals(403, refused.status());
        assertEquals("account-disabled", refused.code());

        assertEquals(200, post(admin, "/api/admin/facilitators/" + facilitatorId + "/enable", Map.of()).status());
        assertEquals(200, api.get("/api/session", api.login(username, PASSWORD).cookie()).status());
        assertTrue(auditTypes().containsAll(List.of("facilitator.disabled", "facilitator.enabled")));
    }

    @Test
    void aDeletedFacilitatorIsSignedOutAndNoLongerListed() {
        ApiClient.Login facilitator = api.login(username, PASSWORD);
        assertEquals(204, delete(admin, "/api/admin/facilitators/" + facilitatorId).status());
        assertEquals(401, api.get("/api/session", facilitator.cookie()).status());
        JsonNode list = api.get("/api/admin/facilitators", admin.cookie()).body();
        list.forEach(f -> assertFalse(f.get("id").asString().equals(facilitatorId)));
        assertEquals(404, delete(admin, "/api/admin/facilitators/" + facilitatorId).status());
    }

    @Test
    void aForcedResetAsksForANewPasswordAtTheNextSignIn() {
        ApiClient.Reply reset = post(admin, "/api/admin/facilitators/" + facilitatorId + "/password-reset", Map.of());
        assertEquals(200, reset.status(), reset.body()::toString);
        assertTrue(reset.body().get("passwordChangeRequired").asBoolean());
        ApiClient.Reply step = api.postJson("/api/login", Map.of("username", username, "password", PASSWORD), null, null);
        assertEquals("new-password", step.body().get("next").asString());
        assertTrue(step.header("Set-Cookie").isEmpty(), "no session before the last step");
        ApiClient.Reply done = api.postJson("/api/login/new-password",
                Map.of("challenge", step.body().get("challenge").asString(), "password", "Brand-New-Passphrase-7"), null, null);
        assertEquals(200, done.status(), done.body()::toString);
        assertTrue(done.header("Set-Cookie").isPresent());
        api.login(username, "Brand-New-Passphrase-7");
    }

    @Test
    void everyStaffMemberChangesTheirOwnPasswordWithTheCurrentOne() {
        ApiClient.Login facilitator = api.login(username, PASSWORD);
        ApiClient.Reply wrong = post(facilitator, "/api/account/password",
                Map.of("currentPassword", "not the password", "newPassword", "Brand-New-Passphrase-7"));
        assertEquals(403, wrong.status());
        assertEquals("wrong-password", wrong.code());
        assertEquals(204, post(facilitator, "/api/account/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "Brand-New-Passphrase-7")).status());
        api.login(username, "Brand-New-Passphrase-7");
        assertEquals(401, api.postJson("/api/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "x"), null, null).status());
    }

    @Test
    void withTwoStepOnTheSignInNeedsTheCodeFromTheSecret() {
        ApiClient.Login facilitator = api.login(username, PASSWORD);
        ApiClient.Reply enrolment = post(facilitator, "/api/account/two-step", Map.of("currentPassword", PASSWORD));
        assertEquals(200, enrolment.status(), enrolment.body()::toString);
        byte[] secret = new Base32().decode(enrolment.body().get("secret").asString());
        assertTrue(enrolment.body().get("uri").asString().startsWith("otpauth://totp/Hearth:" + username + "?secret="));
        assertEquals(204, post(facilitator, "/api/account/two-step/confirm",
                Map.of("code", Totp.code(secret, Totp.step(clock.instant()), 6))).status());
        assertTrue(api.get("/api/session", facilitator.cookie()).body().get("twoStep").asBoolean());

        clock.advance(Duration.ofSeconds(30));
        ApiClient.Reply step = api.postJson("/api/login", Map.of("username", username, "password", PASSWORD), null, null);
        assertEquals("totp", step.body().get("next").asString());
        String challenge = step.body().get("challenge").asString();
        ApiClient.Reply wrongCode = api.postJson("/api/login/code", Map.of("challenge", challenge, "code", "12345"), null, null);
        assertEquals("invalid-code", wrongCode.code());
        ApiClient.Reply done = api.postJson("/api/login/code",
                Map.of("challenge", challenge, "code", Totp.code(secret, Totp.step(clock.instant()), 6)), null, null);
        assertEquals(200, done.status(), done.body()::toString);
        assertEquals(username, done.body().get("username").asString());
        assertTrue(done.header("Set-Cookie").isPresent());
        assertTrue(auditTypes().contains("mfa.enabled"));
    }
}

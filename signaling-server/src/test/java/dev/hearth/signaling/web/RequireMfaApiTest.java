package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.account.Totp;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** HEARTH_REQUIRE_MFA=true: an admin sets up two-step sign-in while signing in, and cannot turn it off. */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + RequireMfaApiTest.ADMIN_PASSWORD, "HEARTH_REQUIRE_MFA=true"})
class RequireMfaApiTest {

    static final String ADMIN_PASSWORD = "the admin passphrase";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void anAdminWithoutTwoStepSetsItUpBeforeTheSessionOpensAndMustKeepIt() {
        ApiClient api = new ApiClient(port);
        ApiClient.Reply step = api.postJson("/api/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), null, null);
        assertEquals(200, step.status(), step.body()::toString);
        assertEquals("totp-enrolment", step.body().get("next").asString());
        assertTrue(step.header("Set-Cookie").isEmpty(), "no session without the second factor");
        String challenge = step.body().get("challenge").asString();

        ApiClient.Reply enrolment = api.postJson("/api/login/two-step-setup", Map.of("challenge", challenge), null, null);
        assertEquals(200, enrolment.status(), enrolment.body()::toString);
        byte[] secret = new Base32().decode(enrolment.body().get("secret").asString());
        ApiClient.Reply done = api.postJson("/api/login/two-step-confirm",
                Map.of("challenge", challenge, "code", Totp.code(secret, Totp.step(clock.instant()), 6)), null, null);
        assertEquals(200, done.status(), done.body()::toString);
        assertTrue(done.body().get("twoStep").asBoolean());
        assertTrue(done.body().get("twoStepRequired").asBoolean());
        String setCookie = done.header("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = done.body().get("csrfToken").asString();

        ApiClient.Reply off = api.postJson("/api/account/two-step/off", Map.of("currentPassword", ADMIN_PASSWORD), cookie, csrf);
        assertEquals(403, off.status());
        assertEquals("mfa-required", off.code());

        clock.advance(Duration.ofSeconds(30));
        ApiClient.Reply again = api.postJson("/api/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), null, null);
        assertEquals("totp", again.body().get("next").asString());
        ApiClient.Reply oldChallenge = api.postJson("/api/login/two-step-confirm",
                Map.of("challenge", challenge, "code", Totp.code(secret, Totp.step(clock.instant()), 6)), null, null);
        assertEquals(410, oldChallenge.status());
        assertEquals("sign-in-expired", oldChallenge.code());
    }
}

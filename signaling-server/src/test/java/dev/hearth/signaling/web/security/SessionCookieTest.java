package dev.hearth.signaling.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.Session;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private final Session session = new Session("session-id", "a-1", "csrf", Instant.EPOCH);

    @Test
    void cookieIsHttpOnlyStrictAndSecureUnderTls() {
        String cookie = SessionCookie.issue(session, true);
        assertTrue(cookie.startsWith("HEARTH_SESSION=session-id;"), cookie);
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Path=/"), cookie);
        assertFalse(cookie.contains("Max-Age"), "a browser-session cookie: " + cookie);
    }

    @Test
    void plainHttpCookieIsNotMarkedSecure() {
        assertFalse(SessionCookie.issue(session, false).contains("Secure"));
    }

    @Test
    void clearingCookieExpiresItAtOnce() {
        String cookie = SessionCookie.clear(true);
        assertTrue(cookie.startsWith("HEARTH_SESSION=;"), cookie);
        assertTrue(cookie.contains("Max-Age=0"), cookie);
    }

    @Test
    void headerParsingFindsEverySessionValue() {
        assertEquals(List.of("one", "two"),
                SessionCookie.values("a=b; HEARTH_SESSION=one;HEARTH_SESSION=\"two\"; HEARTH_SESSIONX=no; x"));
        assertEquals(List.of(), SessionCookie.values((String) null));
        assertEquals(List.of(), SessionCookie.values("HEARTH_SESSION="));
        assertEquals(List.of(), SessionCookie.values("HEARTH_SESSION=" + "x".repeat(10_000)));
    }
}

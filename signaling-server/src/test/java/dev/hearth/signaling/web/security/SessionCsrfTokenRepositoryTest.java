package dev.hearth.signaling.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.account.Session;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;

class SessionCsrfTokenRepositoryTest {

    private final SessionCsrfTokenRepository repository = new SessionCsrfTokenRepository();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/rooms");

    @AfterEach
    void clear() {
        TestSecurityContextHolder.clearContext();
    }

    @Test
    void theTokenIsTheServerSideSessionsOwn() {
        Account account = new Account("a-1", "robin", Role.FACILITATOR, "hash", Instant.EPOCH);
        Session session = new Session("session-id", "a-1", "the-session-token", Instant.EPOCH);
        TestSecurityContextHolder.setAuthentication(
                new SessionAuthentication(new SignedInAccount(account, session)));
        CsrfToken token = repository.loadToken(request);
        assertEquals("the-session-token", token.getToken());
        assertEquals("X-CSRF-Token", token.getHeaderName());
    }

    @Test
    void withoutASessionThereIsNoTokenAndGeneratedOnesMatchNothing() {
        assertNull(repository.loadToken(request));
        String first = repository.generateToken(request).getToken();
        assertNotEquals(first, repository.generateToken(request).getToken());
        assertEquals(43, first.length());
    }

    @Test
    void theTokenIsReadFromTheHeaderOnly() {
        Session session = new Session("s", "a-1", "t", Instant.EPOCH);
        CsrfToken token = new org.springframework.security.web.csrf.DefaultCsrfToken("X-CSRF-Token", "_csrf", "t");
        request.addParameter("_csrf", "t");
        assertNull(new SessionCsrfTokenRepository.HeaderOnly().resolveCsrfTokenValue(request, token));
        request.addHeader("X-CSRF-Token", session.csrfToken());
        assertEquals("t", new SessionCsrfTokenRepository.HeaderOnly().resolveCsrfTokenValue(request, token));
    }
}

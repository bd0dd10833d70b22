package dev.hearth.signaling.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The CSRF token is the one {@code SessionRegistry} made for the server-side session at sign-in; the page got it
 * from {@code /api/login} or {@code /api/session} and echoes it in {@code X-CSRF-Token}. A request without a live
 * session has no token to match: Spring's filter then gets a throw-away one that no request can carry.
 */
final class SessionCsrfTokenRepository implements CsrfTokenRepository {

    static final String HEADER = SecurityConfiguration.CSRF_HEADER;
    private static final String PARAMETER = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new DefaultCsrfToken(HEADER, PARAMETER, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Tokens are made with the session, at sign-in; there is nothing to store here. */
    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return CurrentAccount.signedInNow()
                .map(signedIn -> (CsrfToken) new DefaultCsrfToken(HEADER, PARAMETER, signedIn.session().csrfToken()))
                .orElse(null);
    }

    /** The token is read from the header only: never from a form field or the query string. */
    static final class HeaderOnly extends CsrfTokenRequestAttributeHandler {
        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
            return request.getHeader(csrfToken.getHeaderName());
        }
    }
}

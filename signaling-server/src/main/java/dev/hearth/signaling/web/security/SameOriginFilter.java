package dev.hearth.signaling.web.security;

import dev.hearth.signaling.config.PublicOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A state-changing request that names its origin must name Hearth's own ({@link PublicOrigin}): a second line
 * behind the CSRF token, and the only one for sign-in and setup, which have no session and so no token yet. Those
 * also need {@code Content-Type: application/json}, which a cross-site form cannot send without a CORS preflight
 * that is never approved.
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final PublicOrigin publicOrigin;
    private final RequestMatcher sessionless;
    private final JsonRefusals refusals;

    SameOriginFilter(PublicOrigin publicOrigin, RequestMatcher sessionless, JsonRefusals refusals) {
        this.publicOrigin = publicOrigin;
        this.sessionless = sessionless;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !publicOrigin.allows(origin, request.getScheme(), request.getServerName(),
                request.getServerPort())) {
            refusals.foreignOrigin(response);
            return;
        }
        if (sessionless.matches(request) && !isJson(request.getContentType())) {
            refusals.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "json-required",
                    "Send the request as application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}

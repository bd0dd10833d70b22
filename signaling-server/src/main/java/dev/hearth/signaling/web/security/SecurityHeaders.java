package dev.hearth.signaling.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The headers on every response Hearth sends, pages, scripts, styles, API answers, errors and firewall
 * refusals alike. One list, used by the filter chain's headers configuration and by the firewall's refusal.
 */
final class SecurityHeaders {

    /**
     * Only our own scripts, styles and socket: a page that holds an invite token and a camera must not run anything
     * injected, and no page may be framed (clickjacking the facilitator's controls). 'self' covers ws:/wss: to the
     * same host in CSP Level 3 browsers.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob: mediastream:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Camera and microphone for Hearth's own pages only, never for anything embedded; no location. */
    static final String PERMISSIONS_POLICY = "camera=(self), microphone=(self), geolocation=()";

    /** Two years, as browsers' preload lists expect; subdomains are the operator's business, not Hearth's. */
    static final long HSTS_MAX_AGE_SECONDS = 63_072_000;

    private SecurityHeaders() {
    }

    /**
     * With {@code tls} (the public URL is https, checked at start) HSTS goes on every response, also when the
     * request reached the server as plain http from the TLS proxy: the browser only honours it over https anyway.
     */
    static List<HeaderWriter> writers(boolean tls) {
        List<HeaderWriter> writers = new ArrayList<>();
        writers.add(new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY));
        writers.add(new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));
        writers.add(new XContentTypeOptionsHeaderWriter());
        // The join address carries the invite token: it must never leave in a Referer header.
        writers.add(new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
        writers.add(new PermissionsPolicyHeaderWriter(PERMISSIONS_POLICY));
        writers.add(SecurityHeaders::noStoreUnlessSet);
        if (tls) {
            HstsHeaderWriter hsts = new HstsHeaderWriter();
            hsts.setRequestMatcher(AnyRequestMatcher.INSTANCE);
            hsts.setMaxAgeInSeconds(HSTS_MAX_AGE_SECONDS);
            hsts.setIncludeSubDomains(false);
            writers.add(hsts);
        }
        return List.copyOf(writers);
    }

    /**
     * Nothing a therapy group's server answers belongs in a shared computer's cache; a handler that wants
     * otherwise (the pages: revalidate each time) sets its own.
     */
    private static void noStoreUnlessSet(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}

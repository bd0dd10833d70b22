package dev.hearth.signaling.pages;

import jakarta.servlet.http.HttpServletResponse;

/** Response headers every Hearth page carries. */
final class PageHeaders {

    /**
     * Only our own scripts, styles and socket: a page that holds an invite token and a camera must not run
     * anything injected. 'self' covers ws:/wss: to the same host in CSP Level 3 browsers.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob: mediastream:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private PageHeaders() {
    }

    static void applyTo(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // The join address carries the invite token: it must never leave in a Referer header.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
        // Pages are tiny and change with each release; a stale cached page could speak an old protocol.
        response.setHeader("Cache-Control", "no-cache");
    }
}

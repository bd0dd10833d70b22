package dev.hearth.signaling.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The web origin members open: {@code HEARTH_PUBLIC_URL} when the operator set it, otherwise the scheme, host and
 * port the request itself arrived on (as corrected by a trusted proxy's X-Forwarded-* headers). Invite links and
 * every Origin check ask this one class, so a page on another origin can never drive a signed-in session and a
 * link never points at the plain-http side of a TLS proxy.
 */
public final class PublicOrigin {

    private final Optional<String> configured;

    public PublicOrigin(HearthSettings settings) {
        this.configured = settings.publicUrl().map(URI::toString).flatMap(PublicOrigin::normalise);
    }

    /** The base of absolute links handed to people, without a trailing slash. */
    public String base(String requestScheme, String requestHost, int requestPort) {
        return configured.orElseGet(() -> origin(requestScheme, requestHost, requestPort));
    }

    /** True when a browser's {@code Origin} header names the origin Hearth's own pages are served from. */
    public boolean allows(String originHeader, String requestScheme, String requestHost, int requestPort) {
        if (originHeader == null) {
            return false;
        }
        Optional<String> origin = normalise(originHeader);
        return origin.isPresent() && origin.get().equals(base(requestScheme, requestHost, requestPort));
    }

    private static Optional<String> normalise(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(origin(scheme, uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String origin(String scheme, String host, int port) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = lowerScheme.equals("https") ? 443 : 80;
        String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return lowerScheme + "://" + bracketed.toLowerCase(Locale.ROOT)
                + (port == -1 || port == defaultPort ? "" : ":" + port);
    }
}

package dev.hearth.signaling.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where cluster mode's Redis is and how to sign in to it, parsed from {@code redis://[user:password@]host[:port][/db]}
 * or {@code rediss://...} (TLS). The password is kept out of {@link #toString()}: settings are logged at start-up,
 * and a mistake message must never quote the URL it came from.
 *
 * @param trustedCertificates PEM file of the certificates (a private CA) that may sign the server's TLS
 *                            certificate; empty: the JVM's default trust store
 */
public record RedisEndpoint(String host, int port, boolean tls, int database, Optional<String> username,
                            Optional<String> password, Optional<Path> trustedCertificates) {

    public static final int DEFAULT_PORT = 6379;
    /** Redis' default is 16 databases; a larger index is almost certainly a typo for a port. */
    public static final int MAX_DATABASE = 15;

    public RedisEndpoint {
        if (trustedCertificates.isPresent() && !tls) {
            throw new IllegalArgumentException("a trusted certificate file needs a rediss:// (TLS) URL");
        }
    }

    /**
     * Reads a Redis URL. {@code user:password@} signs in as an ACL user, {@code password@} (no colon) as the
     * default user; percent-encode {@code @ : / %} in a password. Every problem is described without the URL.
     */
    public static RedisEndpoint parse(String raw, Optional<Path> trustedCertificates) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (percent-encode @ : / % in the password)");
        }
        boolean tls = "rediss".equals(uri.getScheme());
        if (!tls && !"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must look like redis://user:password@host:6379/0 or rediss://"
                    + " for TLS, got a different form");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Lettuce would read some options from a query; Hearth sets them itself, so none is silently half-used.
            throw new IllegalArgumentException("takes no ?options or #fragment");
        }
        int database = database(uri.getRawPath());
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? "" : userInfo.substring(0, colon);
            String secret = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("names a user but no password (user:password@host)");
            }
            username = user.isEmpty() ? Optional.empty() : Optional.of(user);
            password = Optional.of(secret);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new RedisEndpoint(host, uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), tls, database,
                username, password, trustedCertificates);
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (!digits.matches("[0-9]{1,2}") || Integer.parseInt(digits) > MAX_DATABASE) {
            throw new IllegalArgumentException("must end in a database index from 0 to " + MAX_DATABASE
                    + " (/0) or nothing");
        }
        return Integer.parseInt(digits);
    }

    /** The same server, signing in with another password: tests of a refused sign-in. */
    public RedisEndpoint withPassword(String otherPassword) {
        return new RedisEndpoint(host, port, tls, database, username, Optional.of(otherPassword), trustedCertificates);
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + username.map(u -> u + "@").orElse("")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database
                + " (password " + (password.isPresent() ? "set" : "unset")
                + trustedCertificates.map(p -> ", trusting " + p).orElse("") + ")";
    }
}

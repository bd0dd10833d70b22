package dev.hearth.signaling.config;

import dev.hearth.signaling.cluster.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cluster mode: the Redis the nodes share ({@code HEARTH_REDIS_URL}, optionally with the CA that signs its TLS
 * certificate) and the secret with which they sign every message to one another ({@code HEARTH_NODE_SECRET}).
 * Neither the password nor the secret ever appears in {@link #toString()}.
 */
public record RedisSettings(RedisEndpoint endpoint, byte[] nodeSecret) {

    public static final String URL = "HEARTH_REDIS_URL";
    public static final String CA_FILE = "HEARTH_REDIS_CA_FILE";
    public static final String NODE_SECRET = "HEARTH_NODE_SECRET";

    /** As for the TURN secret: no easier to guess than an HMAC key. */
    public static final int MIN_NODE_SECRET_LENGTH = 32;

    public RedisSettings {
        nodeSecret = nodeSecret.clone();
    }

    @Override
    public byte[] nodeSecret() {
        return nodeSecret.clone();
    }

    /** True when {@code HEARTH_REDIS_URL} is set: the one test of "cluster mode" (see RedisConfigured). */
    static boolean configured(Function<String, String> env) {
        String raw = env.apply(URL);
        return raw != null && !raw.isBlank();
    }

    /** Empty in the embedded default; a secret or CA file without a URL is a mistake, not ignored. */
    static Optional<RedisSettings> from(Function<String, String> env) {
        String rawSecret = env.apply(NODE_SECRET);
        String rawCa = env.apply(CA_FILE);
        boolean hasSecret = rawSecret != null && !rawSecret.isEmpty();
        boolean hasCa = rawCa != null && !rawCa.isBlank();
        if (!configured(env)) {
            if (hasSecret) {
                throw new ConfigException(NODE_SECRET, "is only for cluster mode: set " + URL + " too, or unset it");
            }
            if (hasCa) {
                throw new ConfigException(CA_FILE, "is only for cluster mode: set " + URL + " too, or unset it");
            }
            return Optional.empty();
        }
        Optional<Path> ca = hasCa ? Optional.of(caFile(rawCa.strip())) : Optional.empty();
        RedisEndpoint endpoint;
        try {
            endpoint = RedisEndpoint.parse(env.apply(URL), ca);
        } catch (IllegalArgumentException e) {
            // The parser's words never quote the URL, which may hold a password.
            throw new ConfigException(e.getMessage().startsWith("a trusted") ? CA_FILE : URL, e.getMessage());
        }
        if (!hasSecret) {
            throw new ConfigException(NODE_SECRET, "must be set in cluster mode (" + URL + " is set): the secret"
                    + " every node signs its messages to the others with, the same on every node"
                    + " (openssl rand -hex 32)");
        }
        if (rawSecret.length() < MIN_NODE_SECRET_LENGTH) {
            throw new ConfigException(NODE_SECRET, "must be at least " + MIN_NODE_SECRET_LENGTH
                    + " characters long (openssl rand -hex 32)");
        }
        return Optional.of(new RedisSettings(endpoint, rawSecret.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path caFile(String raw) {
        Path path = Path.of(raw).toAbsolutePath().normalize();
        if (!Files.isReadable(path)) {
            throw new ConfigException(CA_FILE, "must be a readable PEM file of the CA certificates that sign"
                    + " Redis' TLS certificate, got '" + path + "'");
        }
        return path;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + endpoint + ", nodeSecret=set]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisSettings that && endpoint.equals(that.endpoint)
                && java.security.MessageDigest.isEqual(nodeSecret, that.nodeSecret);
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode();
    }
}

package dev.hearth.signaling.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an operator can set, read once from the environment at start-up.
 * Every variable has a documented default (README "Configuration"); a bad value stops start-up
 * with a {@link ConfigException} naming the variable, rather than running half-configured.
 */
public record HearthSettings(
        int httpPort,
        int mediaPort,
        Optional<InetAddress> publicIp,
        Path dataDir,
        Optional<String> adminPassword,
        Optional<URI> redisUrl,
        Duration idleLogoff,
        boolean tls) {

    public static final String HTTP_PORT = "HEARTH_HTTP_PORT";
    public static final String MEDIA_PORT = "HEARTH_MEDIA_PORT";
    public static final String PUBLIC_IP = "HEARTH_PUBLIC_IP";
    public static final String DATA_DIR = "HEARTH_DATA_DIR";
    public static final String ADMIN_PASSWORD = "HEARTH_ADMIN_PASSWORD";
    public static final String REDIS_URL = "HEARTH_REDIS_URL";
    public static final String IDLE_LOGOFF_MINUTES = "HEARTH_IDLE_LOGOFF_MINUTES";
    public static final String TLS = "HEARTH_TLS";

    /** A password shorter than this would be the weakest link of the whole server. */
    public static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

    public static HearthSettings fromEnvironment(Map<String, String> env) {
        return new HearthSettings(
                port(env, HTTP_PORT, 8080),
                mediaPort(env),
                publicIp(env),
                Path.of(value(env, DATA_DIR).orElse("./data")).toAbsolutePath().normalize(),
                adminPassword(env),
                redisUrl(env),
                Duration.ofMinutes(positiveInt(env, IDLE_LOGOFF_MINUTES, 15, 24 * 60)),
                bool(env, TLS, false));
    }

    /** Secrets stay out of this text: it is logged at start-up. */
    @Override
    public String toString() {
        return "HearthSettings[httpPort=" + httpPort + ", mediaPort=" + mediaPort
                + ", publicIp=" + publicIp.map(InetAddress::getHostAddress).orElse("auto")
                + ", dataDir=" + dataDir + ", adminPassword=" + (adminPassword.isPresent() ? "set" : "unset")
                + ", redis=" + (redisUrl.isPresent() ? "configured" : "embedded")
                + ", idleLogoff=" + idleLogoff + ", tls=" + tls + "]";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return positiveInt(env, name, fallback, 65535);
    }

    /** 0 asks for any free UDP port: useful for tests running several servers on one machine. */
    private static int mediaPort(Map<String, String> env) {
        return value(env, MEDIA_PORT).filter("0"::equals).isPresent() ? 0 : port(env, MEDIA_PORT, 10000);
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback, int max) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(raw.get());
            if (parsed < 1 || parsed > max) {
                throw new ConfigException(name, "must be a whole number from 1 to " + max + ", got " + raw.get());
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number from 1 to " + max + ", got '" + raw.get() + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
        };
    }

    private static Optional<InetAddress> publicIp(Map<String, String> env) {
        Optional<String> raw = value(env, PUBLIC_IP);
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        String text = raw.get();
        // Only literal addresses: a host name here would make start-up depend on DNS.
        if (!text.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new ConfigException(PUBLIC_IP, "must be an IPv4 or IPv6 address (or 'auto'), got '" + text + "'");
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            throw new ConfigException(PUBLIC_IP, "is not a valid IP address: '" + text + "'");
        }
    }

    private static Optional<String> adminPassword(Map<String, String> env) {
        String raw = env.get(ADMIN_PASSWORD);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() < MIN_ADMIN_PASSWORD_LENGTH) {
            throw new ConfigException(ADMIN_PASSWORD,
                    "must be at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters long");
        }
        return Optional.of(raw);
    }

    private static Optional<URI> redisUrl(Map<String, String> env) {
        Optional<String> raw = value(env, REDIS_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(raw.get());
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(REDIS_URL, "must look like redis://host:6379, got a different form");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REDIS_URL, "is not a valid URL");
        }
    }
}

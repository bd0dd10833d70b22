package dev.hearth.signaling.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The TURN servers members may relay their media through when their network blocks UDP to the relay
 * (infra/README.md, "TURN"). Hearth shares {@code secret} with coturn ({@code static-auth-secret}) and hands each
 * participant credentials that expire after {@code ttl}; the secret itself never leaves the server.
 */
public record TurnSettings(List<String> urls, byte[] secret, Duration ttl) {

    public static final String URLS = "HEARTH_TURN_URLS";
    public static final String SECRET = "HEARTH_TURN_SECRET";
    public static final String TTL_MINUTES = "HEARTH_TURN_TTL_MINUTES";

    /** Long enough that guessing it is no easier than guessing an HMAC key. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** A group session and its overrun; the web client renews credentials before they run out. */
    public static final int DEFAULT_TTL_MINUTES = 120;

    /** RFC 7065's turn: and turns: URIs: host or bracketed IPv6 literal, optional port and transport. */
    private static final Pattern TURN_URI = Pattern.compile(
            "turns?:(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?(\\?transport=(udp|tcp))?");

    public TurnSettings {
        urls = List.copyOf(urls);
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Empty when no TURN server is configured; then members whose network blocks UDP cannot join. */
    static Optional<TurnSettings> from(Function<String, String> env) {
        String rawUrls = env.apply(URLS);
        String rawSecret = env.apply(SECRET);
        boolean hasUrls = rawUrls != null && !rawUrls.isBlank();
        boolean hasSecret = rawSecret != null && !rawSecret.isEmpty();
        if (!hasUrls && !hasSecret) {
            return Optional.empty();
        }
        if (!hasUrls) {
            throw new ConfigException(URLS, "must be set when " + SECRET + " is: the TURN addresses members use,"
                    + " such as turns:turn.example.org:443?transport=tcp");
        }
        if (!hasSecret) {
            throw new ConfigException(SECRET, "must be set when " + URLS + " is: the static-auth-secret of coturn");
        }
        if (rawSecret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException(SECRET, "must be at least " + MIN_SECRET_LENGTH
                    + " characters long (openssl rand -hex 32)");
        }
        return Optional.of(new TurnSettings(urls(rawUrls), rawSecret.getBytes(StandardCharsets.UTF_8), ttl(env)));
    }

    private static List<String> urls(String raw) {
        List<String> urls = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String url = part.strip();
            if (!TURN_URI.matcher(url).matches() || !portInRange(url)) {
                throw new ConfigException(URLS, "must be turn: or turns: addresses separated by commas, such as"
                        + " turn:turn.example.org:3478?transport=udp, got '" + url + "'");
            }
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }

    private static boolean portInRange(String url) {
        var matcher = TURN_URI.matcher(url);
        matcher.matches();
        String port = matcher.group(2);
        if (port == null) {
            return true;
        }
        int value = Integer.parseInt(port.substring(1));
        return value >= 1 && value <= 65535;
    }

    private static Duration ttl(Function<String, String> env) {
        String raw = env.apply(TTL_MINUTES);
        if (raw == null || raw.isBlank()) {
            return Duration.ofMinutes(DEFAULT_TTL_MINUTES);
        }
        String problem = "must be a whole number of minutes from 5 to 1440, got '" + raw.strip() + "'";
        try {
            int minutes = Integer.parseInt(raw.strip());
            if (minutes < 5 || minutes > 1440) {
                throw new ConfigException(TTL_MINUTES, problem);
            }
            return Duration.ofMinutes(minutes);
        } catch (NumberFormatException e) {
            throw new ConfigException(TTL_MINUTES, problem);
        }
    }

    /** The secret stays out of this text: settings are logged at start-up. */
    @Override
    public String toString() {
        return "TurnSettings[urls=" + urls + ", secret=set, ttl=" + ttl + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TurnSettings that && urls.equals(that.urls)
                && java.security.MessageDigest.isEqual(secret, that.secret) && ttl.equals(that.ttl);
    }

    @Override
    public int hashCode() {
        return urls.hashCode() * 31 + ttl.hashCode();
    }
}

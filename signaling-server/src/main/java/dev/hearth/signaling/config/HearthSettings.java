package dev.hearth.signaling.config;

import dev.hearth.relay.dtls.DtlsSrtpProfile;
import dev.hearth.relay.transport.CandidateAddresses;
import dev.hearth.relay.transport.UdpMediaServerConfig;
import dev.hearth.signaling.retention.RetentionPolicy;
import dev.hearth.signaling.room.Room;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything an operator can set, read once at start-up by {@link SettingsConfiguration} and handed to every
 * component that needs a value; nothing below the edge reads the environment itself.
 * Every variable has a documented default (README "Configuration"); a bad value stops start-up
 * with a {@link ConfigException} naming the variable, rather than running half-configured.
 */
public record HearthSettings(
        int httpPort,
        int mediaPort,
        int mediaTcpPort,
        List<InetAddress> publicIps,
        Path dataDir,
        Optional<String> adminPassword,
        Optional<RedisSettings> redis,
        Duration idleLogoff,
        boolean tls,
        Optional<String> masterKey,
        int retentionFloorDays,
        Optional<URI> publicUrl,
        List<InetAddress> trustedProxies,
        Optional<TurnSettings> turn,
        int lobbyCapacity,
        int knocksPerMinute,
        Optional<MetricsToken> metricsToken,
        List<DtlsSrtpProfile> srtpProfiles,
        int mediaThreads,
        boolean requireMfa) {

    public static final String HTTP_PORT = "HEARTH_HTTP_PORT";
    public static final String MEDIA_PORT = "HEARTH_MEDIA_PORT";
    public static final String MEDIA_TCP_PORT = "HEARTH_MEDIA_TCP_PORT";
    public static final String PUBLIC_IP = "HEARTH_PUBLIC_IP";
    public static final String DATA_DIR = "HEARTH_DATA_DIR";
    public static final String ADMIN_PASSWORD = "HEARTH_ADMIN_PASSWORD";
    public static final String REDIS_URL = RedisSettings.URL;
    public static final String IDLE_LOGOFF_MINUTES = "HEARTH_IDLE_LOGOFF_MINUTES";
    public static final String TLS = "HEARTH_TLS";
    public static final String MASTER_KEY = "HEARTH_MASTER_KEY";
    public static final String RETENTION_FLOOR_DAYS = "HEARTH_RETENTION_FLOOR_DAYS";
    public static final String PUBLIC_URL = "HEARTH_PUBLIC_URL";
    public static final String TRUSTED_PROXIES = "HEARTH_TRUSTED_PROXIES";
    public static final String LOBBY_CAPACITY = "HEARTH_LOBBY_CAPACITY";
    public static final String KNOCKS_PER_MINUTE = "HEARTH_KNOCKS_PER_MINUTE";
    public static final String SRTP_PROFILES = "HEARTH_SRTP_PROFILES";
    public static final String MEDIA_THREADS = "HEARTH_MEDIA_THREADS";
    public static final String REQUIRE_MFA = "HEARTH_REQUIRE_MFA";

    /** Every variable Hearth reads; anything else starting with HEARTH_ is most likely a typo. */
    public static final List<String> NAMES = List.of(HTTP_PORT, MEDIA_PORT, MEDIA_TCP_PORT, PUBLIC_IP, DATA_DIR, ADMIN_PASSWORD,
            REDIS_URL, IDLE_LOGOFF_MINUTES, TLS, MASTER_KEY, RETENTION_FLOOR_DAYS, PUBLIC_URL, TRUSTED_PROXIES,
            TurnSettings.URLS, TurnSettings.SECRET, TurnSettings.TTL_MINUTES, LOBBY_CAPACITY, KNOCKS_PER_MINUTE,
            MetricsToken.NAME,
            SRTP_PROFILES,
            MEDIA_THREADS,
            REQUIRE_MFA,
            RedisSettings.CA_FILE, RedisSettings.NODE_SECRET);

    /** {@link #mediaTcpPort} of a relay without ICE-TCP ({@code HEARTH_MEDIA_TCP_PORT=off}). */
    public static final int MEDIA_TCP_OFF = -1;

    /** A password shorter than this would be the weakest link of the whole server. */
    public static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
    /** Knocks one client address may make in a minute unless the operator sets otherwise. */
    public static final int DEFAULT_KNOCKS_PER_MINUTE = 10;

    public HearthSettings {
        publicIps = List.copyOf(publicIps);
        trustedProxies = List.copyOf(trustedProxies);
        srtpProfiles = List.copyOf(srtpProfiles);
        if (tls && publicUrl.isEmpty()) {
            // Behind a TLS proxy the server only sees plain http: without the public address it would hand out
            // http:// invite links and could not tell the members' https pages from a stranger's.
            throw new ConfigException(PUBLIC_URL, "must be set when HEARTH_TLS=true: the https address members"
                    + " open, such as https://hearth.example.org");
        }
        if (tls && !"https".equals(publicUrl.get().getScheme())) {
            throw new ConfigException(PUBLIC_URL, "must start with https:// when HEARTH_TLS=true");
        }
    }

    public static HearthSettings fromEnvironment(Map<String, String> env) {
        return from(env::get);
    }

    /** {@code lookup} answers a variable's raw value, or null when it is not set. */
    public static HearthSettings from(Function<String, String> lookup) {
        return new HearthSettings(
                port(lookup, HTTP_PORT, 8080),
                mediaPort(lookup),
                mediaTcpPort(lookup),
                addresses(lookup, PUBLIC_IP, true),
                Path.of(value(lookup, DATA_DIR).orElse("./data")).toAbsolutePath().normalize(),
                adminPassword(lookup),
                RedisSettings.from(lookup),
                Duration.ofMinutes(positiveInt(lookup, IDLE_LOGOFF_MINUTES, 15, 24 * 60)),
                bool(lookup, TLS, false),
                value(lookup, MASTER_KEY),
                wholeNumber(lookup, RETENTION_FLOOR_DAYS, RetentionPolicy.DEFAULT_RECORD_DAYS, 0,
                        RetentionPolicy.MAX_RECORD_DAYS),
                publicUrl(lookup),
                addresses(lookup, TRUSTED_PROXIES, false),
                TurnSettings.from(lookup),
                positiveInt(lookup, LOBBY_CAPACITY, Room.DEFAULT_LOBBY_CAPACITY, 1000),
                positiveInt(lookup, KNOCKS_PER_MINUTE, DEFAULT_KNOCKS_PER_MINUTE, 100_000),
                metricsToken(lookup),
                srtpProfiles(lookup),
                positiveInt(lookup, MEDIA_THREADS, UdpMediaServerConfig.defaultThreads(),
                        UdpMediaServerConfig.MAX_THREADS),
                bool(lookup, REQUIRE_MFA, false));
    }

    /** Secrets stay out of this text: it is logged at start-up. */
    @Override
    public String toString() {
        return "HearthSettings[httpPort=" + httpPort + ", mediaPort=" + mediaPort
                + ", mediaTcpPort=" + (mediaTcpPort == MEDIA_TCP_OFF ? "off" : mediaTcpPort)
                + ", publicIps=" + (publicIps.isEmpty() ? "auto"
                        : publicIps.stream().map(InetAddress::getHostAddress).toList())
                + ", dataDir=" + dataDir + ", adminPassword=" + (adminPassword.isPresent() ? "set" : "unset")
                + ", redis=" + redis.map(RedisSettings::toString).orElse("embedded")
                + ", idleLogoff=" + idleLogoff + ", tls=" + tls
                + ", masterKey=" + (masterKey.isPresent() ? "from environment" : "file in data dir")
                + ", retentionFloorDays=" + retentionFloorDays
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("from each request")
                + ", trustedProxies=" + (trustedProxies.isEmpty() ? "none"
                        : trustedProxies.stream().map(InetAddress::getHostAddress).toList())
                + ", turn=" + turn.map(TurnSettings::toString).orElse("none")
                + ", lobbyCapacity=" + lobbyCapacity + ", knocksPerMinute=" + knocksPerMinute
                + ", metricsToken=" + (metricsToken.isPresent() ? "set" : "unset")
                + ", srtpProfiles=" + srtpProfiles.stream().map(DtlsSrtpProfile::settingName).toList()
                + ", mediaThreads=" + mediaThreads
                + ", requireMfa=" + requireMfa + "]";
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        String raw = env.apply(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private static int port(Function<String, String> env, String name, int fallback) {
        return positiveInt(env, name, fallback, 65535);
    }

    /** 0 asks for any free UDP port: useful for tests running several servers on one machine. */
    private static int mediaPort(Function<String, String> env) {
        return value(env, MEDIA_PORT).filter("0"::equals).isPresent() ? 0 : port(env, MEDIA_PORT, 10000);
    }

    /**
     * The passive ICE-TCP port for networks that drop UDP: a port number, 0 for any free one (tests), or
     * {@code off} for none.
     */
    private static int mediaTcpPort(Function<String, String> env) {
        Optional<String> raw = value(env, MEDIA_TCP_PORT);
        if (raw.filter("off"::equalsIgnoreCase).isPresent()) {
            return MEDIA_TCP_OFF;
        }
        return raw.filter("0"::equals).isPresent() ? 0 : port(env, MEDIA_TCP_PORT, 10000);
    }

    private static int positiveInt(Function<String, String> env, String name, int fallback, int max) {
        return wholeNumber(env, name, fallback, 1, max);
    }

    private static int wholeNumber(Function<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String problem = "must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'";
        try {
            int parsed = Integer.parseInt(raw.get());
            if (parsed < min || parsed > max) {
                throw new ConfigException(name, problem);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, problem);
        }
    }

    private static boolean bool(Function<String, String> env, String name, boolean fallback) {
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

    /**
     * One address or several separated by commas (IPv4 and IPv6 literals); for {@code HEARTH_PUBLIC_IP} also
     * 'auto'/unset for the host's own. Only literals: a host name here would make start-up depend on DNS.
     */
    private static List<InetAddress> addresses(Function<String, String> env, String name, boolean autoAllowed) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty() || autoAllowed && raw.get().equalsIgnoreCase("auto")) {
            return List.of();
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String part : raw.get().split(",", -1)) {
            try {
                InetAddress address = CandidateAddresses.parseLiteral(part.strip());
                if (!addresses.contains(address)) {
                    addresses.add(address);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "must be IPv4 or IPv6 addresses separated by commas"
                        + (autoAllowed ? " (or 'auto')" : "") + ", got '" + part.strip() + "'");
            }
        }
        return addresses;
    }

    /**
     * The SRTP profiles the relay agrees to, most preferred first, by transform name (aes_cm_128_hmac_sha1_80) or
     * by the IANA name browsers report as getStats srtpCipher (SRTP_AES128_CM_HMAC_SHA1_80), any case. The relay picks by this order whatever the browser's; a name listed twice counts
     * once. Unset: every profile, AES-GCM first.
     */
    private static List<DtlsSrtpProfile> srtpProfiles(Function<String, String> env) {
        Optional<String> raw = value(env, SRTP_PROFILES);
        if (raw.isEmpty()) {
            return DtlsSrtpProfile.DEFAULT_ORDER;
        }
        List<DtlsSrtpProfile> profiles = new ArrayList<>();
        for (String part : raw.get().split(",", -1)) {
            DtlsSrtpProfile profile = DtlsSrtpProfile.fromSettingName(part).orElseThrow(() -> new ConfigException(
                    SRTP_PROFILES, "must be SRTP profiles in order of preference, separated by commas, from "
                            + DtlsSrtpProfile.DEFAULT_ORDER.stream().map(DtlsSrtpProfile::settingName).toList()
                            + ", got '" + part.strip() + "'"));
            if (!profiles.contains(profile)) {
                profiles.add(profile);
            }
        }
        return profiles;
    }

    /**
     * An origin only: scheme, host and port, as a browser's Origin header spells it. A path would suggest
     * Hearth can live below one, which its absolute links do not support.
     */
    private static Optional<URI> publicUrl(Function<String, String> env) {
        Optional<String> raw = value(env, PUBLIC_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String problem = "must be an origin such as https://hearth.example.org (no path, query or user),"
                + " got '" + raw.get() + "'";
        URI uri;
        try {
            uri = new URI(raw.get());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(PUBLIC_URL, problem);
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!web || uri.getHost() == null || !bare) {
            throw new ConfigException(PUBLIC_URL, problem);
        }
        boolean defaultPort = uri.getPort() == -1
                || uri.getPort() == ("https".equals(uri.getScheme()) ? 443 : 80);
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return Optional.of(URI.create(uri.getScheme() + "://" + host + (defaultPort ? "" : ":" + uri.getPort())));
    }

    private static Optional<String> adminPassword(Function<String, String> env) {
        String raw = env.apply(ADMIN_PASSWORD);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() < MIN_ADMIN_PASSWORD_LENGTH) {
            throw new ConfigException(ADMIN_PASSWORD,
                    "must be at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters long");
        }
        return Optional.of(raw);
    }

    /** Unset: {@code /metrics} is for signed-in admins only. Not trimmed: a token is exactly what was set. */
    private static Optional<MetricsToken> metricsToken(Function<String, String> env) {
        String raw = env.apply(MetricsToken.NAME);
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(MetricsToken.of(raw));
    }
}

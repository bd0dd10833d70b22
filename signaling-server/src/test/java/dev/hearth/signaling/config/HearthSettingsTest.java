package dev.hearth.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.DtlsSrtpProfile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HearthSettingsTest {

    @Test
    void defaultsMatchTheReadme() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of());
        assertEquals(8080, settings.httpPort());
        assertEquals(10000, settings.mediaPort());
        assertEquals(10000, settings.mediaTcpPort());
        assertTrue(settings.publicIps().isEmpty());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), settings.dataDir());
        assertTrue(settings.adminPassword().isEmpty());
        assertTrue(settings.redis().isEmpty());
        assertEquals(Duration.ofMinutes(15), settings.idleLogoff());
        assertFalse(settings.tls());
        assertTrue(settings.masterKey().isEmpty());
        assertEquals(2190, settings.retentionFloorDays());
        assertTrue(settings.turn().isEmpty());
        assertEquals(50, settings.lobbyCapacity());
        assertEquals(10, settings.knocksPerMinute());
        assertEquals(List.of(DtlsSrtpProfile.AEAD_AES_128_GCM, DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80),
                settings.srtpProfiles());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), settings.mediaThreads());
        assertFalse(settings.requireMfa());
    }

    @Test
    void readsEveryVariable() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.ofEntries(
                Map.entry("HEARTH_HTTP_PORT", "9090"), Map.entry("HEARTH_MEDIA_PORT", "40000"),
                Map.entry("HEARTH_MEDIA_TCP_PORT", "40443"),
                Map.entry("HEARTH_PUBLIC_IP", "203.0.113.7"), Map.entry("HEARTH_DATA_DIR", "/var/lib/hearth"),
                Map.entry("HEARTH_ADMIN_PASSWORD", "long enough secret"),
                Map.entry("HEARTH_REDIS_URL", "redis://cache:6379"), Map.entry("HEARTH_IDLE_LOGOFF_MINUTES", "5"),
                Map.entry("HEARTH_NODE_SECRET", "0123456789abcdef0123456789abcdef"),
                Map.entry("HEARTH_TLS", "true"), Map.entry("HEARTH_MASTER_KEY", "a2V5"),
                Map.entry("HEARTH_RETENTION_FLOOR_DAYS", "365"),
                Map.entry("HEARTH_PUBLIC_URL", "https://hearth.example.org"),
                Map.entry("HEARTH_TRUSTED_PROXIES", "127.0.0.1, ::1"),
                Map.entry("HEARTH_LOBBY_CAPACITY", "12"), Map.entry("HEARTH_KNOCKS_PER_MINUTE", "30"),
                Map.entry("HEARTH_SRTP_PROFILES", "aes_cm_128_hmac_sha1_80"),
                Map.entry("HEARTH_MEDIA_THREADS", "3"),
                Map.entry("HEARTH_REQUIRE_MFA", "true")));
        assertEquals(9090, settings.httpPort());
        assertEquals(40000, settings.mediaPort());
        assertEquals(40443, settings.mediaTcpPort());
        assertEquals("203.0.113.7", settings.publicIps().get(0).getHostAddress());
        assertEquals(Path.of("/var/lib/hearth"), settings.dataDir());
        assertEquals("cache", settings.redis().orElseThrow().endpoint().host());
        assertEquals(Duration.ofMinutes(5), settings.idleLogoff());
        assertTrue(settings.tls());
        assertEquals("a2V5", settings.masterKey().orElseThrow());
        assertEquals(365, settings.retentionFloorDays());
        assertEquals("https://hearth.example.org", settings.publicUrl().orElseThrow().toString());
        assertEquals(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"),
                settings.trustedProxies().stream().map(InetAddress::getHostAddress).toList());
        assertEquals(12, settings.lobbyCapacity());
        assertEquals(30, settings.knocksPerMinute());
        assertEquals(List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80), settings.srtpProfiles());
        assertEquals(3, settings.mediaThreads());
        assertTrue(settings.requireMfa());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "aead_aes_128_gcm,aes_cm_128_hmac_sha1_80; AEAD_AES_128_GCM AES128_CM_HMAC_SHA1_80",
        "aes_cm_128_hmac_sha1_80, aead_aes_128_gcm; AES128_CM_HMAC_SHA1_80 AEAD_AES_128_GCM",
        "AEAD_AES_128_GCM; AEAD_AES_128_GCM",
        "SRTP_AES128_CM_HMAC_SHA1_80,srtp_aead_aes_128_gcm; AES128_CM_HMAC_SHA1_80 AEAD_AES_128_GCM",
        "aes_cm_128_hmac_sha1_80,aes_cm_128_hmac_sha1_80; AES128_CM_HMAC_SHA1_80"})
    void srtpProfilesAreAnOrderedListOfProfileNames(String value, String expected) {
        List<DtlsSrtpProfile> profiles = HearthSettings.fromEnvironment(Map.of("HEARTH_SRTP_PROFILES", value))
                .srtpProfiles();
        assertEquals(expected, String.join(" ", profiles.stream().map(DtlsSrtpProfile::name).toList()));
        assertTrue(HearthSettings.fromEnvironment(Map.of("HEARTH_SRTP_PROFILES", value)).toString()
                .contains("srtpProfiles=" + profiles.stream().map(DtlsSrtpProfile::settingName).toList()));
    }

    /** Unknown names (a typo, a profile the relay lacks) and empty lists stop start-up, naming the variable. */
    @ParameterizedTest
    @ValueSource(strings = {",", " , ", "aes_cm_128_hmac_sha1_32", "aead_aes_128_gcm,", "aead_aes_256_gcm",
        "gcm", "aead_aes_128_gcm;aes_cm_128_hmac_sha1_80"})
    void srtpProfilesRefuseUnknownNamesAndEmptyLists(String value) {
        ConfigException bad = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of("HEARTH_SRTP_PROFILES", value)));
        assertEquals("HEARTH_SRTP_PROFILES", bad.variable());
        assertTrue(bad.getMessage().contains("aead_aes_128_gcm") && bad.getMessage().contains("aes_cm_128_hmac_sha1_80"),
                "the message lists the names that are known: " + bad.getMessage());
    }

    @Test
    void turnNeedsAddressesAndALongSecretTogether() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of(
                "HEARTH_TURN_URLS", "turn:turn.example.org:3478?transport=udp, turns:[2001:db8::1]:443?transport=tcp",
                "HEARTH_TURN_SECRET", "0123456789abcdef0123456789abcdef", "HEARTH_TURN_TTL_MINUTES", "30"));
        TurnSettings turn = settings.turn().orElseThrow();
        assertEquals(List.of("turn:turn.example.org:3478?transport=udp", "turns:[2001:db8::1]:443?transport=tcp"),
                turn.urls());
        assertEquals(Duration.ofMinutes(30), turn.ttl());
        assertFalse(settings.toString().contains("0123456789abcdef"));
        assertEquals("HEARTH_TURN_SECRET", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_TURN_URLS", "turn:turn.example.org"))).variable());
        assertEquals("HEARTH_TURN_URLS", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_TURN_SECRET", "0123456789abcdef0123456789abcdef"))).variable());
        assertEquals("HEARTH_TURN_SECRET", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_TURN_URLS", "turn:turn.example.org", "HEARTH_TURN_SECRET", "short"))).variable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stun:turn.example.org", "turn://turn.example.org", "turn:turn.example.org:99999",
        "turn:turn.example.org?transport=sctp", "turn:", "turn:a b"})
    void turnUrlsAreTurnUris(String raw) {
        ConfigException bad = assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(Map.of(
                "HEARTH_TURN_URLS", raw, "HEARTH_TURN_SECRET", "0123456789abcdef0123456789abcdef")));
        assertEquals("HEARTH_TURN_URLS", bad.variable());
    }

    /** Behind a TLS proxy, links built from the request would be http://: the public origin must be given. */
    @Test
    void tlsNeedsAnHttpsPublicUrl() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of("HEARTH_TLS", "true")));
        assertEquals("HEARTH_PUBLIC_URL", missing.variable());
        ConfigException plain = assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_TLS", "true", "HEARTH_PUBLIC_URL", "http://hearth.example.org")));
        assertEquals("HEARTH_PUBLIC_URL", plain.variable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hearth.example.org", "https://hearth.example.org/clinic", "https://u@hearth.example.org",
        "https://hearth.example.org/?a=1", "ftp://hearth.example.org", "https://", "https://exa mple.org"})
    void publicUrlIsAnOriginOnly(String raw) {
        ConfigException bad = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of("HEARTH_PUBLIC_URL", raw)));
        assertEquals("HEARTH_PUBLIC_URL", bad.variable());
    }

    @Test
    void publicUrlIsNormalisedToTheOriginBrowsersSend() {
        assertEquals("https://hearth.example.org", HearthSettings.fromEnvironment(
                Map.of("HEARTH_PUBLIC_URL", "https://Hearth.Example.org:443/")).publicUrl().orElseThrow().toString());
        assertEquals("https://hearth.example.org:8443", HearthSettings.fromEnvironment(
                Map.of("HEARTH_PUBLIC_URL", "https://hearth.example.org:8443")).publicUrl().orElseThrow().toString());
    }

    @Test
    void trustedProxiesAreAddressLiterals() {
        ConfigException bad = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of("HEARTH_TRUSTED_PROXIES", "proxy.internal")));
        assertEquals("HEARTH_TRUSTED_PROXIES", bad.variable());
        assertTrue(HearthSettings.fromEnvironment(Map.of()).trustedProxies().isEmpty());
    }

    /** The relay used to accept a list here while start-up accepted one address: now one grammar. */
    @Test
    void publicIpIsOneOrMoreLiteralsInOneGrammar() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of("HEARTH_PUBLIC_IP", "203.0.113.7, 2001:db8::7"));
        assertEquals(List.of("203.0.113.7", "2001:db8:0:0:0:0:0:7"),
                settings.publicIps().stream().map(InetAddress::getHostAddress).toList());
        assertTrue(HearthSettings.fromEnvironment(Map.of("HEARTH_PUBLIC_IP", "auto")).publicIps().isEmpty());
    }

    /** The deployment's environment file is where operators look first: it names every setting Hearth reads. */
    @Test
    void theExampleEnvironmentFileNamesEverySettingWithAComment() throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("..", "infra", "hearth.env.example"));
        for (String name : HearthSettings.NAMES) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("#?\\s*" + name + "=.*")) {
                    at = i;
                }
            }
            assertTrue(at >= 0, name + " is missing from infra/hearth.env.example");
            assertTrue(at > 0 && lines.get(at - 1).startsWith("# "), name + " has no comment line above it");
        }
    }

    @ParameterizedTest
    @CsvSource({"off, -1", "OFF, -1", "0, 0", "443, 443"})
    void iceTcpPortCanBeAnyFreePortOrOff(String value, int port) {
        assertEquals(port, HearthSettings.fromEnvironment(Map.of("HEARTH_MEDIA_TCP_PORT", value)).mediaTcpPort());
    }

    /** Issue 12.5: a Prometheus scraper's bearer token, long enough not to be guessed, never shown. */
    @Test
    void metricsTokenIsLongOpaqueAndNeverShown() {
        assertTrue(HearthSettings.fromEnvironment(Map.of()).metricsToken().isEmpty(), "unset: admins only");
        String token = "0123456789abcdef0123456789abcdef";
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of("HEARTH_METRICS_TOKEN", token));
        MetricsToken parsed = settings.metricsToken().orElseThrow();
        assertTrue(parsed.matches(token));
        assertFalse(parsed.matches(token.substring(1)));
        assertFalse(parsed.matches(token + "0"));
        assertFalse(parsed.matches(token.toUpperCase()));
        assertFalse(parsed.matches(null));
        assertFalse(settings.toString().contains(token), settings::toString);
        assertFalse(parsed.toString().contains(token));
        assertEquals("HEARTH_METRICS_TOKEN", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_METRICS_TOKEN", token.substring(1)))).variable());
        assertEquals("HEARTH_METRICS_TOKEN", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_METRICS_TOKEN", token + " x"))).variable());
    }

    @Test
    void toStringNeverShowsTheMasterKey() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of("HEARTH_MASTER_KEY", "c2VjcmV0LWtleS1ieXRlcw=="));
        assertFalse(settings.toString().contains("c2VjcmV0"), settings.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "HEARTH_HTTP_PORT, eighty",
        "HEARTH_HTTP_PORT, 0",
        "HEARTH_MEDIA_PORT, 70000",
        "HEARTH_MEDIA_TCP_PORT, 70000",
        "HEARTH_MEDIA_TCP_PORT, udp",
        "HEARTH_PUBLIC_IP, example.com",
        "HEARTH_PUBLIC_IP, 999.1.1.1",
        "HEARTH_PUBLIC_IP, '203.0.113.7,'",
        "HEARTH_PUBLIC_IP, '203.0.113.7,example.com'",
        "HEARTH_RETENTION_FLOOR_DAYS, -1",
        "HEARTH_RETENTION_FLOOR_DAYS, six years",
        "HEARTH_ADMIN_PASSWORD, short",
        "HEARTH_IDLE_LOGOFF_MINUTES, -3",
        "HEARTH_TLS, maybe",
        "HEARTH_LOBBY_CAPACITY, 0",
        "HEARTH_LOBBY_CAPACITY, lots",
        "HEARTH_KNOCKS_PER_MINUTE, 0",
        "HEARTH_KNOCKS_PER_MINUTE, -5",
        "HEARTH_MEDIA_THREADS, 0",
        "HEARTH_MEDIA_THREADS, 257",
        "HEARTH_MEDIA_THREADS, all"})
    void badValueNamesTheVariable(String variable, String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of(variable, value)));
        assertEquals(variable, e.variable());
        assertTrue(e.getMessage().startsWith(variable + ":"), e.getMessage());
    }

    /** Issue 10: cluster mode's Redis (ACL user, TLS, database) and the secret its nodes sign messages with. */
    @Test
    void redisUrlTakesAnAclUserTlsAndADatabase() {
        RedisSettings redis = HearthSettings.fromEnvironment(Map.of(
                "HEARTH_REDIS_URL", "rediss://hearth:s%40cret:pw@redis.internal:6380/3",
                "HEARTH_NODE_SECRET", NODE_SECRET)).redis().orElseThrow();
        assertEquals("redis.internal", redis.endpoint().host());
        assertEquals(6380, redis.endpoint().port());
        assertTrue(redis.endpoint().tls());
        assertEquals(3, redis.endpoint().database());
        assertEquals("hearth", redis.endpoint().username().orElseThrow());
        assertEquals("s@cret:pw", redis.endpoint().password().orElseThrow(), "percent-decoded, split at the first colon");
        assertEquals(NODE_SECRET, new String(redis.nodeSecret(), java.nio.charset.StandardCharsets.UTF_8));

        RedisSettings plain = HearthSettings.fromEnvironment(Map.of("HEARTH_REDIS_URL", "redis://only-a-password@[::1]",
                "HEARTH_NODE_SECRET", NODE_SECRET)).redis().orElseThrow();
        assertEquals("::1", plain.endpoint().host());
        assertEquals(6379, plain.endpoint().port());
        assertFalse(plain.endpoint().tls());
        assertEquals(0, plain.endpoint().database());
        assertTrue(plain.endpoint().username().isEmpty(), "no colon: the default user's password");
        assertEquals("only-a-password", plain.endpoint().password().orElseThrow());
    }

    @Test
    void redisPasswordAndNodeSecretNeverShow() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of(
                "HEARTH_REDIS_URL", "rediss://hearth:hunter2hunter2@redis.internal:6380/3",
                "HEARTH_NODE_SECRET", NODE_SECRET));
        assertFalse(settings.toString().contains("hunter2"), settings::toString);
        assertFalse(settings.toString().contains(NODE_SECRET), settings::toString);
        assertTrue(settings.toString().contains("rediss://hearth@redis.internal:6380/3"), settings::toString);
        ConfigException bad = assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(Map.of(
                "HEARTH_REDIS_URL", "redis://hearth:hunter2hunter2@redis.internal/99", "HEARTH_NODE_SECRET", NODE_SECRET)));
        assertEquals("HEARTH_REDIS_URL", bad.variable());
        assertFalse(bad.getMessage().contains("hunter2"), "a mistake is described without quoting the URL");
    }

    @Test
    void clusterModeNeedsANodeSecretAndTheSecretNeedsClusterMode() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> HearthSettings.fromEnvironment(Map.of("HEARTH_REDIS_URL", "redis://cache:6379")));
        assertEquals("HEARTH_NODE_SECRET", missing.variable());
        assertTrue(missing.getMessage().contains("cluster mode"), missing.getMessage());
        assertEquals("HEARTH_NODE_SECRET", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_REDIS_URL", "redis://cache:6379", "HEARTH_NODE_SECRET", "short"))).variable());
        assertEquals("HEARTH_NODE_SECRET", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_NODE_SECRET", NODE_SECRET))).variable());
        assertEquals("HEARTH_REDIS_CA_FILE", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_REDIS_CA_FILE", "/etc/hostname"))).variable());
    }

    @Test
    void redisCaFileMustBeReadableAndGoesWithTls(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        RedisSettings redis = HearthSettings.fromEnvironment(Map.of("HEARTH_REDIS_URL", "rediss://redis.internal",
                "HEARTH_REDIS_CA_FILE", ca.toString(), "HEARTH_NODE_SECRET", NODE_SECRET)).redis().orElseThrow();
        assertEquals(ca, redis.endpoint().trustedCertificates().orElseThrow());
        assertEquals("HEARTH_REDIS_CA_FILE", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_REDIS_URL", "redis://redis.internal", "HEARTH_REDIS_CA_FILE", ca.toString(),
                        "HEARTH_NODE_SECRET", NODE_SECRET))).variable());
        assertEquals("HEARTH_REDIS_CA_FILE", assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_REDIS_URL", "rediss://redis.internal", "HEARTH_REDIS_CA_FILE",
                        dir.resolve("missing.pem").toString(), "HEARTH_NODE_SECRET", NODE_SECRET))).variable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cache:6379", "cache:6379", "redis://", "redis://cache/x", "redis://cache/16",
        "redis://cache:6379?timeout=5", "redis://user:@cache", "redis://cache/0#x", "redis://ca che"})
    void redisUrlOfAnotherFormIsRefused(String raw) {
        ConfigException bad = assertThrows(ConfigException.class, () -> HearthSettings.fromEnvironment(
                Map.of("HEARTH_REDIS_URL", raw, "HEARTH_NODE_SECRET", NODE_SECRET)));
        assertEquals("HEARTH_REDIS_URL", bad.variable());
        assertTrue(bad.getMessage().startsWith("HEARTH_REDIS_URL:"), bad.getMessage());
    }

    private static final String NODE_SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void toStringNeverShowsTheAdminPassword() {
        HearthSettings settings = HearthSettings.fromEnvironment(Map.of("HEARTH_ADMIN_PASSWORD", "hunter2hunter2hunter2"));
        assertFalse(settings.toString().contains("hunter2"));
    }
}

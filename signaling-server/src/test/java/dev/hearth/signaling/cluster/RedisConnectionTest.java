package dev.hearth.signaling.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in, TLS and health against real redis-servers of the test's own. */
class RedisConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE = Duration.ofMillis(200);

    @Test
    void signsInAsTheAclUserAndIsHealthy() {
        ClusterHealth health = new ClusterHealth(Clock.systemUTC());
        assertFalse(health.available(), "unknown until Redis has answered");
        try (RedisConnection redis = RedisConnection.open(TestRedis.shared(), health, TIMEOUT, PROBE)) {
            assertTrue(health.available());
            assertEquals("PONG", redis.call(commands -> commands.ping()));
        }
    }

    @Test
    void aWrongAclPasswordIsRefusedWithAClearMessage() {
        try (TestRedis server = TestRedis.start()) {
            RedisEndpoint wrong = server.endpoint().withPassword("not-the-password-at-all");
            RedisUnusableException refused = assertThrows(RedisUnusableException.class, () -> RedisConnection.open(
                    wrong, new ClusterHealth(Clock.systemUTC()), TIMEOUT, PROBE));
            assertTrue(refused.getMessage().contains("refused the user name or password (WRONGPASS)"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-password"), "never the password");
            assertFalse(refused.getMessage().contains(server.password()));
        }
    }

    @Test
    void anUnreachableRedisIsExplainedByAddress() throws IOException {
        int port;
        try (TestRedis server = TestRedis.start()) {
            port = server.port();
        }
        RedisEndpoint nobody = new RedisEndpoint("127.0.0.1", port, false, 0, Optional.empty(), Optional.empty(),
                Optional.empty());
        RedisUnusableException refused = assertThrows(RedisUnusableException.class, () -> RedisConnection.open(
                nobody, new ClusterHealth(Clock.systemUTC()), TIMEOUT, PROBE));
        assertTrue(refused.getMessage().startsWith("cannot reach Redis at 127.0.0.1:" + port), refused.getMessage());
    }

    @Test
    void redissWorksWithTheServersCertificateTrusted(@TempDir Path dir) throws Exception {
        Path[] certificate = selfSignedForLoopback(dir);
        try (TestRedis server = TestRedis.startTls(certificate[0], certificate[1])) {
            RedisEndpoint tls = new RedisEndpoint("127.0.0.1", server.port(), true, 0,
                    Optional.of(TestRedis.USER), Optional.of(server.password()), Optional.of(certificate[0]));
            try (RedisConnection redis = RedisConnection.open(tls, new ClusterHealth(Clock.systemUTC()), TIMEOUT,
                    PROBE)) {
                redis.call(commands -> commands.set("hearth:tls-check", "ok"));
                assertEquals("ok", redis.call(commands -> commands.get("hearth:tls-check")));
            }
            // The same server without trusting its certificate: a TLS failure, said as one.
            RedisEndpoint untrusted = new RedisEndpoint("127.0.0.1", server.port(), true, 0,
                    Optional.of(TestRedis.USER), Optional.of(server.password()), Optional.empty());
            RedisUnusableException refused = assertThrows(RedisUnusableException.class, () -> RedisConnection.open(
                    untrusted, new ClusterHealth(Clock.systemUTC()), TIMEOUT, PROBE));
            assertTrue(refused.getMessage().startsWith("the TLS handshake with Redis"), refused.getMessage());
        }
    }

    /**
     * Issue 10.5: Redis going away is noticed (joins get {@code unavailable}), and so is its return, without
     * anyone but the probe asking.
     */
    @Test
    void healthFollowsRedisGoingAwayAndComingBack() throws IOException {
        try (TestRedis server = TestRedis.start()) {
            ClusterHealth health = new ClusterHealth(Clock.systemUTC());
            try (RedisConnection redis = RedisConnection.open(server.endpoint(), health, TIMEOUT, PROBE)) {
                assertTrue(health.available());
                health.requireAvailable();

                server.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> !health.available());
                HearthException refused = assertThrows(HearthException.class, health::requireAvailable);
                assertEquals(ErrorCode.UNAVAILABLE.wire(), refused.code());
                assertEquals("Hearth cannot reach its database; try again in a minute.", refused.getMessage());
                HearthException command = assertThrows(HearthException.class,
                        () -> redis.call(commands -> commands.get("hearth:x")));
                assertEquals(ErrorCode.UNAVAILABLE.wire(), command.code(), "a command fails at once, it does not queue");

                server.startAgain();
                await().atMost(Duration.ofSeconds(15)).until(health::available);
                assertEquals("PONG", redis.call(commands -> commands.ping()));
            }
        }
    }

    /** A certificate for 127.0.0.1 and localhost, and its key, as PEM files redis-server and Lettuce read. */
    private static Path[] selfSignedForLoopback(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=hearth-test-redis");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        X509CertificateHolder certificate = builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        Path cert = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        try (Writer out = Files.newBufferedWriter(cert); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        try (Writer out = Files.newBufferedWriter(key); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return new Path[] {cert, key};
    }
}

package dev.hearth.signaling.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real redis-server for the tests. {@link #shared()} is the run's server: {@code ./hearth test} starts one
 * and passes it as {@code HEARTH_TEST_REDIS_URL}; a developer's run without it starts a redis-server of its own
 * for this JVM. {@link #start()} and {@link #startTls} are private servers that a test may stop and start again.
 * Each has its own port, directory, no persistence ({@code --save ''}), and an ACL user limited to Hearth's keys
 * (the default user is off). Without redis-server the tests fail; they never skip.
 */
final class TestRedis implements AutoCloseable {

    static final String URL_VARIABLE = "HEARTH_TEST_REDIS_URL";
    static final String USER = "hearth";

    private static RedisEndpoint shared;

    private final Path dir;
    private final int port;
    private final String password;
    private final Optional<Path[]> tls;
    private Process process;

    private TestRedis(Path dir, int port, String password, Optional<Path[]> tls) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.tls = tls;
    }

    /** The run's Redis (shared by the tests, which keep apart by random room and node ids). */
    static synchronized RedisEndpoint shared() {
        if (shared == null) {
            String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
            if (url != null && !url.isBlank()) {
                shared = RedisEndpoint.parse(url, Optional.empty());
            } else {
                TestRedis own = start();
                Runtime.getRuntime().addShutdownHook(new Thread(own::close));
                shared = own.endpoint();
            }
        }
        return shared;
    }

    static TestRedis start() {
        return launch(Optional.empty());
    }

    /** TLS only ({@code --port 0}): the server presents {@code certificate} (PEM) with {@code key} (PEM). */
    static TestRedis startTls(Path certificate, Path key) {
        return launch(Optional.of(new Path[] {certificate, key}));
    }

    private static TestRedis launch(Optional<Path[]> tls) {
        try {
            TestRedis redis = new TestRedis(Files.createTempDirectory("hearth-test-redis"), freePort(),
                    dev.hearth.signaling.identity.RandomIds.base64Url(18), tls);
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port, tls.isPresent(), 0, Optional.of(USER), Optional.of(password),
                Optional.empty());
    }

    String password() {
        return password;
    }

    int port() {
        return port;
    }

    /** Stops the server the way a crash would look to clients: connections drop, nothing answers. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** (Re)starts the server on the same port, empty (nothing was saved). */
    synchronized void startAgain() throws IOException {
        String redisServer = onPath("redis-server").orElseThrow(() -> new AssertionError(
                "redis-server is not installed (apt-get install redis-server; ./hearth test installs it),"
                        + " and " + URL_VARIABLE + " is not set"));
        List<String> command = new ArrayList<>(List.of(redisServer, "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no",
                "--user", "default", "off",
                "--user", USER, "on", ">" + password, "~hearth:*", "&hearth:*", "+@all", "-@dangerous"));
        if (tls.isPresent()) {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", tls.get()[0].toString(), "--tls-key-file", tls.get()[1].toString(),
                    "--tls-auth-clients", "no"));
        } else {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        Path log = dir.resolve("redis.log");
        Files.deleteIfExists(log);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Files.readString(log).contains("Ready to accept connections")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temp directory left behind is no test failure.
        }
    }

    private static Optional<String> onPath(String program) {
        String path = System.getenv("PATH");
        for (String dirName : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dirName, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        for (String fallback : List.of("/usr/bin/" + program, "/usr/sbin/" + program)) {
            if (Files.isExecutable(Path.of(fallback))) {
                return Optional.of(fallback);
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

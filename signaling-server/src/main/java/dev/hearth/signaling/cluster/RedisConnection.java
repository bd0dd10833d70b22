package dev.hearth.signaling.cluster;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import reactor.core.Disposable;

/**
 * This node's connection to Redis (Lettuce). Commands fail at once while Redis is away instead of queueing
 * behind a reconnect, so a join waits at most {@code commandTimeout}; every failure for want of Redis and every
 * answer is reported to {@link ClusterHealth}, and a probe PINGs every {@code probeEvery} so that recovery shows
 * even when nothing else is asked.
 */
public final class RedisConnection implements AutoCloseable {

    private final RedisEndpoint endpoint;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final ClusterHealth health;
    private final Disposable events;
    private final ScheduledExecutorService probe;

    private RedisConnection(RedisEndpoint endpoint, ClientResources resources, RedisClient client,
                            StatefulRedisConnection<String, String> connection, ClusterHealth health,
                            Duration probeEvery) {
        this.endpoint = endpoint;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.health = health;
        // Only "down" is taken from events: one connection coming back says nothing about the others.
        this.events = resources.eventBus().get()
                .filter(ConnectionDeactivatedEvent.class::isInstance)
                .subscribe(event -> health.unreachable());
        this.probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hearth-redis-probe");
            thread.setDaemon(true);
            return thread;
        });
        long every = probeEvery.toMillis();
        probe.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects and signs in, or explains in one sentence (without the password) why Redis could not be used:
     * unreachable, a refused user or password, or a failed TLS handshake.
     */
    public static RedisConnection open(RedisEndpoint endpoint, ClusterHealth health, Duration commandTimeout,
                                       Duration probeEvery) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                // Lettuce's default backs off to 30 s; a node should notice a restarted Redis within seconds.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, redisUri(endpoint, commandTimeout));
        client.setOptions(clientOptions(endpoint, commandTimeout));
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            RedisConnection opened = new RedisConnection(endpoint, resources, client, connection, health, probeEvery);
            opened.ping();
            return opened;
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new RedisUnusableException(explain(endpoint, e), e);
        }
    }

    /**
     * Runs commands on the shared connection. A Redis error reply (a script missing, a permission) passes through
     * as it is; anything that means Redis is out of reach marks the cluster unhealthy and becomes
     * {@code unavailable}.
     */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        return call(connection, commands);
    }

    /** Like {@link #call(Function)}, on a connection of the caller's own (a blocking read). */
    public <T> T call(StatefulRedisConnection<String, String> own, Function<RedisCommands<String, String>, T> commands) {
        T result;
        try {
            result = commands.apply(own.sync());
        } catch (RedisCommandExecutionException e) {
            health.reachable();
            throw e;
        } catch (RedisException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw e;
            }
            health.unreachable();
            throw new HearthException(ErrorCode.UNAVAILABLE, ClusterHealth.UNAVAILABLE_MESSAGE);
        }
        health.reachable();
        return result;
    }

    /** A further connection, for a command that blocks (a stream read) and must not hold up everyone else's. */
    public StatefulRedisConnection<String, String> dedicated() {
        try {
            return client.connect();
        } catch (RedisException e) {
            health.unreachable();
            throw new HearthException(ErrorCode.UNAVAILABLE, ClusterHealth.UNAVAILABLE_MESSAGE);
        }
    }

    public ClusterHealth health() {
        return health;
    }

    private void ping() {
        try {
            call(RedisCommands::ping);
        } catch (RuntimeException e) {
            // Already counted by call(); the probe simply tries again.
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
        events.dispose();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RedisConnection[" + endpoint + "]";
    }

    private static RedisURI redisUri(RedisEndpoint endpoint, Duration commandTimeout) {
        RedisURI.Builder uri = RedisURI.builder().withHost(endpoint.host()).withPort(endpoint.port())
                .withDatabase(endpoint.database()).withSsl(endpoint.tls()).withTimeout(commandTimeout);
        if (endpoint.tls()) {
            uri.withVerifyPeer(SslVerifyMode.FULL);
        }
        endpoint.password().ifPresent(password -> endpoint.username().ifPresentOrElse(
                user -> uri.withAuthentication(user, password.toCharArray()),
                () -> uri.withPassword(password.toCharArray())));
        return uri.build();
    }

    private static ClientOptions clientOptions(RedisEndpoint endpoint, Duration commandTimeout) {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build());
        endpoint.trustedCertificates().ifPresent(pem -> options.sslOptions(
                SslOptions.builder().jdkSslProvider().trustManager(pem.toFile()).build()));
        return options.build();
    }

    private static String explain(RedisEndpoint endpoint, RedisException e) {
        String where = endpoint.host() + ":" + endpoint.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof RedisCommandExecutionException && message.startsWith("WRONGPASS")) {
                return "Redis at " + where + " refused the user name or password (WRONGPASS): check the"
                        + " user:password@ part of the URL against the server's ACL";
            }
            if (t instanceof RedisCommandExecutionException && message.startsWith("NOAUTH")) {
                return "Redis at " + where + " wants a password, and the URL gives none (user:password@host)";
            }
            if (t instanceof RedisCommandExecutionException && message.startsWith("NOPERM")) {
                return "Redis at " + where + " accepted the user but does not allow it what Hearth needs: "
                        + message;
            }
            if (t instanceof SSLException) {
                return "the TLS handshake with Redis at " + where + " failed (" + t.getMessage() + "); is the"
                        + " server's certificate for this host and trusted (HEARTH_REDIS_CA_FILE)?";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot reach Redis at " + where + " (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                + ")";
    }
}

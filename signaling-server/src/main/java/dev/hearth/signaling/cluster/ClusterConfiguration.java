package dev.hearth.signaling.cluster;

import dev.hearth.signaling.config.ConfigException;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.config.RedisConfigured;
import dev.hearth.signaling.config.RedisSettings;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster mode's building blocks, made only when {@code HEARTH_REDIS_URL} is set; the embedded default has none
 * of them and loads no Redis client. Redis that cannot be used at start (unreachable, a refused password, TLS)
 * stops start-up with one line naming {@code HEARTH_REDIS_URL}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
public class ClusterConfiguration {

    /** A join waits at most this long for Redis before it is told {@code unavailable}. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    /** Long enough to ride out a garbage-collection pause; a dead owner's rooms move within it. */
    static final Duration LEASE_TTL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    NodeId nodeId() {
        return NodeId.random();
    }

    @Bean
    ClusterHealth clusterHealth(Clock clock) {
        return new ClusterHealth(clock);
    }

    @Bean(destroyMethod = "close")
    RedisConnection redisConnection(HearthSettings settings, ClusterHealth health, NodeId node) {
        RedisSettings redis = settings.redis().orElseThrow();
        try {
            RedisConnection connection = RedisConnection.open(redis.endpoint(), health, COMMAND_TIMEOUT, PROBE_EVERY);
            // Rooms are not yet owned through RoomLease (issue 10): say so on every start, once.
            log.warn("event=cluster_foundation node={} redis={} rooms are still kept by the node a member reaches:"
                    + " run a single node until rooms are owned through leases", node, redis.endpoint());
            return connection;
        } catch (RedisUnusableException e) {
            throw new ConfigException(RedisSettings.URL, e.getMessage());
        }
    }

    @Bean
    RoomLease roomLease(RedisConnection redis, NodeId node) {
        return new RoomLease(redis, node, LEASE_TTL);
    }

    @Bean(destroyMethod = "close")
    NodeBus nodeBus(RedisConnection redis, NodeId node, HearthSettings settings, Clock clock) {
        return new NodeBus(redis, node, settings.redis().orElseThrow().nodeSecret(), clock);
    }
}

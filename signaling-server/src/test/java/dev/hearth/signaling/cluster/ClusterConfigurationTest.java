package dev.hearth.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.signaling.config.ConfigException;
import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Cluster beans exist exactly when HEARTH_REDIS_URL is set; the embedded default has none of them. */
class ClusterConfigurationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static ApplicationContextRunner runner(Map<String, String> env) {
        String[] properties = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new ApplicationContextRunner()
                .withPropertyValues(properties)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(HearthSettings.class, () -> HearthSettings.fromEnvironment(env))
                .withUserConfiguration(ClusterConfiguration.class);
    }

    private static String url(RedisEndpoint endpoint, String password) {
        return "redis://" + endpoint.username().orElseThrow() + ":" + password + "@" + endpoint.host() + ":"
                + endpoint.port() + "/" + endpoint.database();
    }

    @Test
    void theEmbeddedDefaultHasNoClusterBeans() {
        runner(Map.of()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisConnection.class);
            assertThat(context).doesNotHaveBean(RoomLease.class);
            assertThat(context).doesNotHaveBean(NodeBus.class);
            assertThat(context).doesNotHaveBean(ClusterHealth.class);
        });
    }

    @Test
    void aRedisUrlWithANodeSecretMakesTheClusterBeans() {
        RedisEndpoint shared = TestRedis.shared();
        Map<String, String> env = new HashMap<>(Map.of("HEARTH_REDIS_URL", url(shared, shared.password().orElseThrow()),
                "HEARTH_NODE_SECRET", SECRET));
        runner(env).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClusterHealth.class).available()).isTrue();
            assertThat(context).hasSingleBean(RoomLease.class).hasSingleBean(NodeBus.class).hasSingleBean(NodeId.class);
        });
    }

    @Test
    void aRefusedPasswordStopsStartUpNamingTheVariable() {
        RedisEndpoint shared = TestRedis.shared();
        Map<String, String> env = Map.of("HEARTH_REDIS_URL", url(shared, "wrong-password-for-sure"),
                "HEARTH_NODE_SECRET", SECRET);
        runner(env).run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(ConfigException.class);
            assertThat(((ConfigException) cause).variable()).isEqualTo("HEARTH_REDIS_URL");
            assertThat(cause.getMessage()).contains("WRONGPASS").doesNotContain("wrong-password-for-sure");
        });
    }
}

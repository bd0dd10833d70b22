package dev.hearth.signaling.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.HearthApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole server starts in cluster mode (no longer refused), beside the relay and everything else. */
@ExtendWith(OutputCaptureExtension.class)
class ClusterStartupTest {

    @Test
    void theServerStartsWithARedisUrlAndANodeSecret(@TempDir Path data, CapturedOutput output) {
        RedisEndpoint redis = TestRedis.shared();
        String url = "redis://" + redis.username().orElseThrow() + ":" + redis.password().orElseThrow() + "@"
                + redis.host() + ":" + redis.port() + "/" + redis.database();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HearthApplication.class)
                .properties("server.port=0", "HEARTH_DATA_DIR=" + data, "HEARTH_REDIS_URL=" + url,
                        "HEARTH_NODE_SECRET=0123456789abcdef0123456789abcdef")
                .run()) {
            assertTrue(context.getBean(ClusterHealth.class).available());
            assertTrue(context.getBean(RoomLease.class).tryAcquire(dev.hearth.signaling.room.RoomId.random())
                    .isPresent());
        }
        assertTrue(output.getOut().contains("event=cluster_foundation"), "the start says rooms are not shared yet");
        assertTrue(!output.toString().contains(redis.password().orElseThrow())
                && !output.toString().contains("0123456789abcdef0123456789abcdef"), "no password or secret in the log");
    }
}

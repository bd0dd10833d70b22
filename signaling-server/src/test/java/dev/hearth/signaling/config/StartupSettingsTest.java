package dev.hearth.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.HearthApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up reads every setting from the one environment, whichever way the operator passes it. */
class StartupSettingsTest {

    @Test
    void redisUrlAsSystemPropertyIsReadLikeTheEnvironmentVariable(@TempDir Path data) {
        // Surefire passes HEARTH_* as system properties, exactly like `java -DHEARTH_REDIS_URL=...`.
        System.setProperty("HEARTH_REDIS_URL", "redis://127.0.0.1:6379");
        try {
            Throwable failure = assertThrows(Throwable.class, () -> new SpringApplicationBuilder(HearthApplication.class)
                    .properties("server.port=0", "HEARTH_DATA_DIR=" + data)
                    .run().close());
            ConfigException cause = rootConfigException(failure);
            // Cluster mode was seen, so the secret its nodes need is asked for.
            assertEquals(RedisSettings.NODE_SECRET, cause.variable());
        } finally {
            System.clearProperty("HEARTH_REDIS_URL");
        }
    }

    @Test
    void badHttpPortSurfacesAsConfigException(@TempDir Path data) {
        Throwable failure = assertThrows(Throwable.class, () -> new SpringApplicationBuilder(HearthApplication.class)
                .properties("HEARTH_HTTP_PORT=eighty", "HEARTH_DATA_DIR=" + data)
                .run().close());
        assertEquals(HearthSettings.HTTP_PORT, rootConfigException(failure).variable());
    }

    @Test
    void failureAnalysisIsOneLineNamingTheVariable() {
        ConfigException cause = new ConfigException("HEARTH_TLS", "must be true or false, got 'maybe'");
        FailureAnalysis analysis = new ConfigFailureAnalyzer()
                .analyze(new BeanCreationException("hearthSettings", "Failed to instantiate", cause));
        assertEquals("Hearth cannot start: HEARTH_TLS: must be true or false, got 'maybe'", analysis.getDescription());
        assertTrue(analysis.getAction().contains("HEARTH_TLS"));
        assertTrue(analysis.getDescription().lines().count() == 1);
    }

    private static ConfigException rootConfigException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException config) {
                return config;
            }
        }
        throw new AssertionError("no ConfigException in " + failure);
    }
}

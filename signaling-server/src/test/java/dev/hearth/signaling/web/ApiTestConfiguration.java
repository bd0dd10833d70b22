package dev.hearth.signaling.web;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.config.HearthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * The Spring set-up the HTTP API tests share: a clock the test moves by hand, and (through {@link Properties})
 * a fresh data directory and cheap Argon2. Use both on the test class:
 * {@code @Import(ApiTestConfiguration.class)} and
 * {@code @ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiTestConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    /**
     * Properties in place before the context refreshes, so even beans the web server needs early see them: an
     * empty data directory of the context's own, and Argon2 at a cost that keeps each login a millisecond
     * (the production cost would make every sign-in in a test take a good part of a second).
     */
    public static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String dataDir;
            try {
                dataDir = Files.createTempDirectory("hearth-api-test").toString();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the test data directory", e);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hearth-api-test", Map.of(
                    HearthSettings.DATA_DIR, dataDir,
                    "hearth.argon2.memory-kib", "256",
                    "hearth.argon2.iterations", "1")));
        }
    }
}

package dev.hearth.signaling.config;

import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The edge where configuration enters: {@link HearthSettings} is read here once from Spring's environment
 * (operating-system variables and {@code -D} system properties alike, under the same HEARTH_* names) and
 * every component gets its values from that one object.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SettingsConfiguration.class);

    /** Read by the {@code ./hearth} script or by the tests it runs (the test Redis), not by the server. */
    private static final Set<String> SCRIPT_NAMES = Set.of("HEARTH_JAVA_OPTS", "HEARTH_TEST_REDIS_URL");

    @Bean
    HearthSettings hearthSettings(ConfigurableEnvironment environment) {
        HearthSettings settings = HearthSettings.from(environment::getProperty);
        warnAboutUnknownNames(environment);
        log.info("settings {}", settings);
        return settings;
    }

    /**
     * The HTTP port comes from the settings too, so a bad value is reported like every other one. An explicit
     * {@code server.port} (the tests' random port) still wins.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpPort(HearthSettings settings,
                                                                       ConfigurableEnvironment environment) {
        return factory -> {
            if (environment.getProperty("server.port") == null) {
                factory.setPort(settings.httpPort());
            }
        };
    }

    @Bean
    PublicOrigin publicOrigin(HearthSettings settings) {
        return new PublicOrigin(settings);
    }

    /**
     * X-Forwarded-For/-Proto/-Host/-Port are believed only from the proxies the operator named: anyone else could
     * use them to pick the address the login throttle sees, or the host an invite link points at. Tomcat's own
     * valve does the work, so {@code getRemoteAddr}, {@code getScheme} and {@code getServerName} agree everywhere.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(HearthSettings settings) {
        return factory -> {
            if (!settings.trustedProxies().isEmpty()) {
                factory.addEngineValves(ForwardedHeaders.fromProxies(settings.trustedProxies()));
            }
        };
    }

    private static void warnAboutUnknownNames(ConfigurableEnvironment environment) {
        TreeSet<String> unknown = new TreeSet<>();
        environment.getPropertySources().forEach(source -> {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (name.startsWith("HEARTH_") && !HearthSettings.NAMES.contains(name)
                            && !SCRIPT_NAMES.contains(name)) {
                        unknown.add(name);
                    }
                }
            }
        });
        if (!unknown.isEmpty()) {
            // Names only, never values: a mistyped variable may well hold a secret.
            log.warn("settings.unknown {} are not Hearth settings and are ignored; see README \"Configuration\"", unknown);
        }
    }
}

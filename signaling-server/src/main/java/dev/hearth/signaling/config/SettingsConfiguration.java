package dev.hearth.signaling.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Exposes {@link HearthSettings} as a bean. Values come from Spring's environment, which reads the
 * operating-system environment first; tests set the same names as properties.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

    private static final List<String> NAMES = List.of(
            HearthSettings.HTTP_PORT, HearthSettings.MEDIA_PORT, HearthSettings.PUBLIC_IP,
            HearthSettings.DATA_DIR, HearthSettings.ADMIN_PASSWORD, HearthSettings.REDIS_URL,
            HearthSettings.IDLE_LOGOFF_MINUTES, HearthSettings.TLS);

    @Bean
    HearthSettings hearthSettings(Environment environment) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String value = environment.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return HearthSettings.fromEnvironment(values);
    }
}

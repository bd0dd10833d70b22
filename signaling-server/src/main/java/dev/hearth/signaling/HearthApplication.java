package dev.hearth.signaling;

import dev.hearth.signaling.config.ConfigException;
import dev.hearth.signaling.config.HearthSettings;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One process: signaling, accounts, the in-process media relay and the web client. */
@SpringBootApplication
public class HearthApplication {

    public static void main(String[] args) {
        HearthSettings settings;
        try {
            // Checked before Spring starts so a typo gives one clear line, not a context-failure trace.
            settings = HearthSettings.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Hearth cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.redisUrl().isPresent()) {
            // Better to refuse than to run a node that silently keeps its rooms to itself.
            System.err.println("Hearth cannot start: " + HearthSettings.REDIS_URL + ": cluster mode (rooms shared"
                    + " through Redis) is not part of this release; unset it to run the embedded server.");
            System.exit(2);
            return;
        }
        SpringApplication app = new SpringApplication(HearthApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setDefaultProperties(Map.of("server.port", String.valueOf(settings.httpPort())));
        app.run(args);
    }
}

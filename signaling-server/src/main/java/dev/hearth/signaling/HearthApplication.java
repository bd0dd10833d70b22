package dev.hearth.signaling;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One process: signaling, accounts, the in-process media relay and the web client. Settings are read and
 * checked by {@link dev.hearth.signaling.config.SettingsConfiguration}; a bad one ends start-up with one line
 * from {@link dev.hearth.signaling.config.ConfigFailureAnalyzer}.
 */
@SpringBootApplication
public class HearthApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HearthApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.run(args);
    }
}

package dev.hearth.signaling.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Protocol tests watch what signaling tells the relay through a {@link RecordingRelay}. */
@TestConfiguration
class RecordingRelayConfiguration {

    @Bean
    @Primary
    RecordingRelay recordingRelay() {
        return new RecordingRelay();
    }

    static Path tempDataDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.signaling.config.HearthSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recordings catalog in the data directory. */
@Configuration(proxyBeanMethods = false)
public class RecordingConfiguration {

    @Bean
    RecordingCatalog recordingCatalog(HearthSettings settings, RecordingArchive archive) {
        return RecordingCatalog.open(settings.dataDir(), archive);
    }
}

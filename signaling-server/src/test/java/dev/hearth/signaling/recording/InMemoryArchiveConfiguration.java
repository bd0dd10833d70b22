package dev.hearth.signaling.recording;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the archive with an {@link InMemoryArchive}, for API tests that place recordings by hand. */
@TestConfiguration
public class InMemoryArchiveConfiguration {

    @Bean
    @Primary
    public InMemoryArchive inMemoryArchive() {
        return new InMemoryArchive();
    }
}

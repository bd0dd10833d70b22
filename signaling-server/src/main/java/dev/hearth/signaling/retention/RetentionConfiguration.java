package dev.hearth.signaling.retention;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Retention policy and purge. The floor for ledger and audit retention comes from
 * {@value RetentionSettings#FLOOR_VARIABLE} (default 2190 days); a bad value stops start-up.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionConfiguration {

    @Bean
    RetentionSettings retentionSettings(HearthSettings settings, Environment environment) {
        int floor = RetentionSettings.floorFrom(environment.getProperty(RetentionSettings.FLOOR_VARIABLE));
        return RetentionSettings.open(settings.dataDir(), floor);
    }

    @Bean
    RetentionPurge retentionPurge(RetentionSettings settings, RecordingCatalog catalog, RecordingArchive archive,
                                  ConsentLedger ledger, AuditLog audit, ObjectProvider<Clock> clock) {
        return new RetentionPurge(settings, catalog, archive, ledger, audit, clock.getIfUnique(Clock::systemUTC));
    }
}

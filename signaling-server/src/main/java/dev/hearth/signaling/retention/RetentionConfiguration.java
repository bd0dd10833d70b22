package dev.hearth.signaling.retention;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.care.AttendanceRecord;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.recording.RecordingCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retention policy and purge. The floor for ledger and audit retention comes from
 * {@code HEARTH_RETENTION_FLOOR_DAYS} (default 2190 days, read into {@link HearthSettings}).
 */
@Configuration(proxyBeanMethods = false)
public class RetentionConfiguration {

    @Bean
    RetentionSettings retentionSettings(HearthSettings settings) {
        return RetentionSettings.open(settings.dataDir(), settings.retentionFloorDays());
    }

    @Bean
    RetentionPurge retentionPurge(RetentionSettings settings, RecordingCatalog catalog, RecordingArchive archive,
                                  ConsentLedger ledger, AuditLog audit, AttendanceRecord attendance, Clock clock) {
        return new RetentionPurge(settings, catalog, archive, ledger, audit, clock, attendance::purgeBefore);
    }

    @Bean
    RoomShredding roomShredding(RecordingCatalog catalog, RecordingArchive archive, AuditLog audit) {
        return new RoomShredding(catalog, archive, audit);
    }
}

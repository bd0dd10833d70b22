package dev.hearth.signaling.care;

import dev.hearth.relay.recording.MasterKey;
import dev.hearth.signaling.audit.Ed25519Key;
import dev.hearth.signaling.config.HearthSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The group-care records of issue 13, each sealed under its own subkey of the master key. */
@Configuration(proxyBeanMethods = false)
public class CareConfiguration {

    @Bean
    IncidentStore incidentStore(HearthSettings settings, MasterKey masterKey) {
        return IncidentStore.open(settings.dataDir(), masterKey.subKey(IncidentStore.PURPOSE));
    }

    /** Signs incident exports; its own key, so it can be handed to an auditor without the audit log's. */
    @Bean
    IncidentSigningKey incidentSigningKey(HearthSettings settings) {
        return new IncidentSigningKey(Ed25519Key.loadOrCreate(settings.dataDir().resolve("incident-signing.key"),
                settings.dataDir().resolve("incident-signing.pub")));
    }

    @Bean
    AttendanceRecord attendanceRecord(HearthSettings settings, MasterKey masterKey) {
        return AttendanceRecord.open(settings.dataDir(), masterKey.subKey(AttendanceRecord.PURPOSE));
    }
}

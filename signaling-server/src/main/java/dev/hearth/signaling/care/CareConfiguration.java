package dev.hearth.signaling.care;

import dev.hearth.relay.recording.MasterKey;
import dev.hearth.signaling.config.HearthSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The group-care records of issue 13, each sealed under its own subkey of the master key. */
@Configuration(proxyBeanMethods = false)
public class CareConfiguration {

    @Bean
    AttendanceRecord attendanceRecord(HearthSettings settings, MasterKey masterKey) {
        return AttendanceRecord.open(settings.dataDir(), masterKey.subKey(AttendanceRecord.PURPOSE));
    }
}

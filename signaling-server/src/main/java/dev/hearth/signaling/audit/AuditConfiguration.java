package dev.hearth.signaling.audit;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one audit log of this server, in the data directory. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog(HearthSettings settings, Clock clock) {
        return AuditLog.open(settings.dataDir(), clock);
    }
}

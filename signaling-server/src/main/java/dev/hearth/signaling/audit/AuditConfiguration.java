package dev.hearth.signaling.audit;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one audit log of this server and the key that signs its head, in the data directory. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** Closed last of its users: the shutdown head covers whatever they appended while stopping. */
    @Bean(destroyMethod = "close")
    AuditLog auditLog(HearthSettings settings, Clock clock) {
        return AuditLog.open(settings.dataDir(), clock, AuditLog.signingKey(settings.dataDir()));
    }
}

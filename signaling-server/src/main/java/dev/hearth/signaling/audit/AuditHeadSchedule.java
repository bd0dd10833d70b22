package dev.hearth.signaling.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the audit chain's head every minute, on the scheduler the rooms already use, so at most a minute of
 * entries can be cut off unseen. Start, purge and shutdown sign it too ({@link AuditLog}).
 */
@Component
class AuditHeadSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditHeadSchedule.class);

    private final AuditLog audit;

    AuditHeadSchedule(AuditLog audit) {
        this.audit = audit;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    void run() {
        try {
            audit.writeHead();
        } catch (RuntimeException e) {
            // The next minute tries again; a scheduler thread that dies would stop anchoring for good.
            log.error("event=audit_head_failed error={}", e.getClass().getSimpleName(), e);
        }
    }
}

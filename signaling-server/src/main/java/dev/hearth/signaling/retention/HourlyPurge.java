package dev.hearth.signaling.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the purge every hour, starting a minute after start-up so it does not slow the start. */
@Component
class HourlyPurge {

    private static final Logger log = LoggerFactory.getLogger(HourlyPurge.class);

    private final RetentionPurge purge;

    HourlyPurge(RetentionPurge purge) {
        this.purge = purge;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void run() {
        try {
            PurgeReport report = purge.run("system");
            if (report.changedAnything()) {
                log.info("retention.purge shredded={} ledgersDeleted={} onHold={} failed={}",
                        report.recordingsShredded().size(), report.ledgersDeleted().size(),
                        report.recordingsOnHold(), report.recordingsFailed().size());
            }
        } catch (RuntimeException e) {
            // The next hour tries again; a scheduler thread that dies would stop purging for good.
            log.error("retention.purge-error error={}", e.getClass().getSimpleName(), e);
        }
    }
}

package dev.hearth.signaling.retention;

import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.recording.CatalogEntry;
import dev.hearth.signaling.recording.RecordingCatalog;
import dev.hearth.signaling.recording.RecordingExpiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the retention policy no longer allows to keep.
 * <ul>
 *   <li>Recordings: expired ones not on legal hold are shredded by the archive (data key destroyed before the
 *       files), then their catalog entry, with the participants' names, is removed; each purge is audit-logged.
 *   <li>Consent ledgers outlive their recordings (they prove what was consented to, and that the recording was
 *       destroyed): a ledger is deleted once its recording is gone and its last entry is older than the ledger
 *       retention. A held recording keeps its ledger too, since its recording still exists.
 *   <li>Audit log: entries past retention are counted, not removed (see docs/consent-ledger.md).
 *   <li>Attendance: a session's record (who came, when, first names) is kept as long as the consent ledgers,
 *       counted from the session's end, then deleted; each purge that deleted any is audit-logged.
 * </ul>
 */
public final class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final RetentionSettings settings;
    private final RecordingCatalog catalog;
    private final RecordingArchive archive;
    private final ConsentLedger ledger;
    private final AuditLog audit;
    private final Clock clock;
    /** Deletes attendance sessions that ended before the cutoff; returns how many. */
    private final ToIntFunction<Instant> attendancePurge;

    public RetentionPurge(RetentionSettings settings, RecordingCatalog catalog, RecordingArchive archive,
                          ConsentLedger ledger, AuditLog audit, Clock clock) {
        this(settings, catalog, archive, ledger, audit, clock, cutoff -> 0);
    }

    public RetentionPurge(RetentionSettings settings, RecordingCatalog catalog, RecordingArchive archive,
                          ConsentLedger ledger, AuditLog audit, Clock clock, ToIntFunction<Instant> attendancePurge) {
        this.attendancePurge = attendancePurge;
        this.settings = settings;
        this.catalog = catalog;
        this.archive = archive;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Runs one purge. {@code actor} is the admin's account id, or "system" for the hourly run; a run that
     * changed nothing is audit-logged only when an admin asked for it.
     */
    public synchronized PurgeReport run(String actor) {
        Instant now = clock.instant();
        RetentionPolicy policy = settings.policy();
        Map<String, RecordingInfo> archived = new LinkedHashMap<>();
        for (RecordingInfo info : archive.list()) {
            archived.put(info.recordingId(), info);
        }
        Set<String> ids = new LinkedHashSet<>(archived.keySet());
        catalog.all().forEach(entry -> ids.add(entry.recordingId()));

        List<String> shredded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int onHold = 0;
        for (String id : ids) {
            Optional<CatalogEntry> entry = catalog.find(id);
            Optional<RecordingInfo> info = Optional.ofNullable(archived.get(id));
            Optional<Instant> expiry = RecordingExpiry.of(entry, info, policy.recordingDays());
            if (expiry.isEmpty() || now.isBefore(expiry.get())) {
                continue;
            }
            if (entry.map(CatalogEntry::hold).orElse(false)) {
                onHold++;
                continue;
            }
            String room = entry.map(CatalogEntry::roomId).or(() -> info.map(RecordingInfo::roomId)).orElse("");
            try {
                archive.shred(id);
            } catch (RuntimeException e) {
                log.error("retention.shred-failed recording={} error={}", id, e.getClass().getSimpleName());
                audit.append("recording.purge-failed", actor, id, Map.of("room", room));
                failed.add(id);
                continue;
            }
            catalog.remove(id);
            audit.append("recording.purge", actor, id,
                    Map.of("room", room, "reason", "retention", "expiredAt", expiry.get().toString()));
            log.info("retention.shredded recording={}", id);
            shredded.add(id);
        }

        List<String> ledgersDeleted = new ArrayList<>();
        Duration ledgerRetention = Duration.ofDays(policy.consentLedgerDays());
        for (RecordingId id : ledger.recordingIds()) {
            if (archived.containsKey(id.value()) && !shredded.contains(id.value()) || catalog.find(id.value()).isPresent()) {
                continue;
            }
            Optional<Instant> last = ledger.lastEntryAt(id);
            if (last.isPresent() && !now.isBefore(last.get().plus(ledgerRetention))) {
                ledger.delete(id);
                audit.append("ledger.purge", actor, id.value(), Map.of("reason", "retention"));
                ledgersDeleted.add(id.value());
            }
        }

        int attendancePurged = attendancePurge.applyAsInt(now.minus(ledgerRetention));
        if (attendancePurged > 0) {
            audit.append("attendance.purge", actor, "attendance",
                    Map.of("sessions", Integer.toString(attendancePurged), "reason", "retention"));
        }

        int auditPurged = audit.purgeBefore(now.minus(Duration.ofDays(policy.auditLogDays())), actor);
        PurgeReport report = new PurgeReport(now, shredded, ledgersDeleted, onHold, failed, auditPurged);
        if (report.changedAnything() || !"system".equals(actor)) {
            audit.append("retention.purge", actor, "retention", Map.of(
                    "shredded", Integer.toString(shredded.size()),
                    "ledgersDeleted", Integer.toString(ledgersDeleted.size()),
                    "onHold", Integer.toString(onHold),
                    "failed", Integer.toString(failed.size())));
        }
        return report;
    }
}

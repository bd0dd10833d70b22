package dev.hearth.signaling.retention;

import java.time.Instant;
import java.util.List;

/**
 * What one purge did.
 *
 * @param recordingsShredded        recordings whose key was destroyed and files deleted
 * @param ledgersDeleted            consent ledgers deleted after their retention (their recordings were gone)
 * @param recordingsOnHold          expired recordings kept because of a legal hold
 * @param recordingsFailed          expired recordings the archive could not shred; tried again next time
 * @param auditEntriesPurged        audit entries older than the audit retention, removed from the log (whose
 *                                  chain still verifies from its anchor; see docs/consent-ledger.md)
 */
public record PurgeReport(Instant ranAt, List<String> recordingsShredded, List<String> ledgersDeleted,
                          int recordingsOnHold, List<String> recordingsFailed, long auditEntriesPurged) {

    public PurgeReport {
        recordingsShredded = List.copyOf(recordingsShredded);
        ledgersDeleted = List.copyOf(ledgersDeleted);
        recordingsFailed = List.copyOf(recordingsFailed);
    }

    public boolean changedAnything() {
        return !recordingsShredded.isEmpty() || !ledgersDeleted.isEmpty() || !recordingsFailed.isEmpty()
                || auditEntriesPurged > 0;
    }
}

package dev.hearth.signaling.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * How long things are kept, in days: recordings after they end, consent ledgers after their last entry, audit
 * entries after they were written.
 */
public record RetentionPolicy(int recordingDays, int consentLedgerDays, int auditLogDays) {

    public static final int MAX_RECORDING_DAYS = 3650;
    /** Six years: HIPAA's retention for documentation of policies, consents and audit records. */
    public static final int DEFAULT_RECORD_DAYS = 2190;
    /** Records may be kept long, but not without bound: a typo of an extra digit should be refused. */
    public static final int MAX_RECORD_DAYS = 36500;
    /** Therapy recordings are kept briefly unless an admin decides otherwise: a month to review or export. */
    public static final int DEFAULT_RECORDING_DAYS = 30;

    public static RetentionPolicy defaults(int floorDays) {
        int records = Math.max(DEFAULT_RECORD_DAYS, floorDays);
        return new RetentionPolicy(DEFAULT_RECORDING_DAYS, records, records);
    }

    /**
     * Checks every field against the limits and the operator's floor for ledger and audit retention, and
     * reports all problems at once, each saying what is allowed.
     *
     * @throws RetentionException {@code invalid-retention}
     */
    public RetentionPolicy validated(int floorDays) {
        List<String> problems = new ArrayList<>();
        if (recordingDays < 0 || recordingDays > MAX_RECORDING_DAYS) {
            problems.add("recordingDays must be from 0 to " + MAX_RECORDING_DAYS);
        }
        checkRecordDays("consentLedgerDays", consentLedgerDays, floorDays, problems);
        checkRecordDays("auditLogDays", auditLogDays, floorDays, problems);
        if (!problems.isEmpty()) {
            throw new RetentionException(String.join("; ", problems) + ".");
        }
        return this;
    }

    private static void checkRecordDays(String name, int days, int floorDays, List<String> problems) {
        if (days < floorDays || days > MAX_RECORD_DAYS) {
            problems.add(name + " must be from " + floorDays + " (the floor set by the operator, HEARTH_RETENTION_FLOOR_DAYS) to "
                    + MAX_RECORD_DAYS);
        }
    }
}

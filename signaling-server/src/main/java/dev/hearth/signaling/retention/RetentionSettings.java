package dev.hearth.signaling.retention;

import dev.hearth.signaling.audit.StrictJson;
import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.recording.RecordingRetention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admins' retention policy, persisted in {@code <dataDir>/retention-policy.json}, and the operator's floor
 * below which ledger and audit retention cannot be set.
 *
 * <p>A stored value below a floor raised since it was saved is lifted to the floor (and logged): the floor is
 * the operator's legal minimum and wins over an older admin choice.
 */
public final class RetentionSettings implements RecordingRetention {

    public static final String FILE_NAME = "retention-policy.json";
    public static final String FLOOR_VARIABLE = "HEARTH_RETENTION_FLOOR_DAYS";

    private static final Logger log = LoggerFactory.getLogger(RetentionSettings.class);

    private final Path file;
    private final int floorDays;
    private volatile RetentionPolicy policy;

    private RetentionSettings(Path file, int floorDays, RetentionPolicy policy) {
        this.file = file;
        this.floorDays = floorDays;
        this.policy = policy;
    }

    public static RetentionSettings open(Path dataDir, int floorDays) {
        if (floorDays < 0 || floorDays > RetentionPolicy.MAX_RECORD_DAYS) {
            throw new IllegalArgumentException(FLOOR_VARIABLE + " must be from 0 to " + RetentionPolicy.MAX_RECORD_DAYS);
        }
        Path file = dataDir.resolve(FILE_NAME);
        RetentionPolicy policy = RetentionPolicy.defaults(floorDays);
        if (Files.exists(file)) {
            try {
                RetentionPolicy stored = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8).strip(),
                        RetentionPolicy.class, "a retention policy");
                requireDays(stored);
                policy = new RetentionPolicy(stored.recordingDays(), Math.max(floorDays, stored.consentLedgerDays()),
                        Math.max(floorDays, stored.auditLogDays()));
                if (!policy.equals(stored)) {
                    log.warn("retention.floor-raised floorDays={} consentLedgerDays={} auditLogDays={}",
                            floorDays, policy.consentLedgerDays(), policy.auditLogDays());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the retention policy " + file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the retention policy " + file + " cannot be read (" + e.getMessage()
                        + "); fix or delete it (deleting restores the defaults)", e);
            }
        }
        return new RetentionSettings(file, floorDays, policy);
    }

    public RetentionPolicy policy() {
        return policy;
    }

    @Override
    public int recordingDays() {
        return policy.recordingDays();
    }

    public int floorDays() {
        return floorDays;
    }

    /** Validates, persists and then applies a new policy. */
    public synchronized RetentionPolicy update(RetentionPolicy requested) {
        RetentionPolicy valid = requested.validated(floorDays);
        try {
            PrivateFiles.writeAtomically(file, (StrictJson.write(valid) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the retention policy", e);
        }
        policy = valid;
        return valid;
    }

    /** Only signs are checked here: a value above today's maximum was valid when saved, and the floor lifts low ones. */
    private static void requireDays(RetentionPolicy stored) {
        for (var field : java.util.Map.of("recordingDays", stored.recordingDays(),
                "consentLedgerDays", stored.consentLedgerDays(), "auditLogDays", stored.auditLogDays()).entrySet()) {
            if (field.getValue() < 0) {
                throw new IllegalArgumentException("'" + field.getKey() + "' must be a whole number of days");
            }
        }
    }
}

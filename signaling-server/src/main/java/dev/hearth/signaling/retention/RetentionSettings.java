package dev.hearth.signaling.retention;

import dev.hearth.signaling.audit.PlainJson;
import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.recording.RecordingRetention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
                Map<String, Object> json = PlainJson.parseObject(Files.readString(file, StandardCharsets.UTF_8).strip());
                RetentionPolicy stored = new RetentionPolicy(days(json, "recordingDays"), days(json, "consentLedgerDays"),
                        days(json, "auditLogDays"));
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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingDays", (long) valid.recordingDays());
        json.put("consentLedgerDays", (long) valid.consentLedgerDays());
        json.put("auditLogDays", (long) valid.auditLogDays());
        try {
            PrivateFiles.writeAtomically(file, (PlainJson.write(json) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the retention policy", e);
        }
        policy = valid;
        return valid;
    }

    private static int days(Map<String, Object> json, String key) {
        if (json.get(key) instanceof Long value && value >= 0 && value <= Integer.MAX_VALUE) {
            return value.intValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number of days");
    }
}

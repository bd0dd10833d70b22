package dev.hearth.signaling.retention;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only: the retention policy and purge-now. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class RetentionController {

    private static final Set<String> FIELDS = Set.of("recordingDays", "consentLedgerDays", "auditLogDays");

    /** The policy plus the floor, so a form can say what is allowed. */
    record RetentionView(int recordingDays, int consentLedgerDays, int auditLogDays, int floorDays,
                         int maxRecordingDays) {
        static RetentionView of(RetentionSettings settings) {
            RetentionPolicy p = settings.policy();
            return new RetentionView(p.recordingDays(), p.consentLedgerDays(), p.auditLogDays(), settings.floorDays(),
                    RetentionPolicy.MAX_RECORDING_DAYS);
        }
    }

    private final CurrentAccount current;
    private final RetentionSettings settings;
    private final RetentionPurge purge;
    private final AuditLog audit;

    RetentionController(CurrentAccount current, RetentionSettings settings, RetentionPurge purge, AuditLog audit) {
        this.current = current;
        this.settings = settings;
        this.purge = purge;
        this.audit = audit;
    }

    @GetMapping("/api/admin/retention")
    RetentionView get() {
        return RetentionView.of(settings);
    }

    /** All three fields, whole numbers of days. */
    @PutMapping("/api/admin/retention")
    RetentionView put(@RequestBody JsonNode body) {
        Account admin = current.require();
        RetentionPolicy requested = new RetentionPolicy(days(body, "recordingDays"), days(body, "consentLedgerDays"),
                days(body, "auditLogDays"));
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new RetentionException("Unknown field; send recordingDays, consentLedgerDays and auditLogDays.");
            }
        }
        RetentionPolicy applied = settings.update(requested);
        audit.append("retention.change", admin.id(), "retention", Map.of(
                "recordingDays", Integer.toString(applied.recordingDays()),
                "consentLedgerDays", Integer.toString(applied.consentLedgerDays()),
                "auditLogDays", Integer.toString(applied.auditLogDays())));
        return RetentionView.of(settings);
    }

    @PostMapping("/api/admin/retention/purge")
    PurgeReport purgeNow() {
        Account admin = current.require();
        return purge.run(admin.id());
    }

    private static int days(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new RetentionException(field + " is required, as a whole number of days.");
        }
        return value.intValue();
    }
}

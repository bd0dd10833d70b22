package dev.hearth.signaling.web;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.FacilitatorAccounts;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.audit.VerificationResult;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only: facilitator accounts and the audit log. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class AdminController {

    public static final int MAX_AUDIT_PAGE = 500;

    record NewFacilitator(String username, String password) {
    }

    /** {@code temporaryPassword} is optional: without it the facilitator's own password works once more. */
    record PasswordReset(String temporaryPassword) {
    }

    record FacilitatorView(String id, String username, String createdAt, boolean disabled,
                           boolean passwordChangeRequired, boolean twoStep) {
        static FacilitatorView of(Account account) {
            return new FacilitatorView(account.id(), account.username(), account.createdAt().toString(),
                    account.disabled(), account.passwordChangeRequired(), account.hasTotp());
        }
    }

    record AuditEntryView(long seq, String at, String type, String actor, String subject,
                          Map<String, String> details, String prevHash, String hash) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.seq(), e.at().toString(), e.type(), e.actor(), e.subject(), e.details(),
                    e.prevHash(), e.hash());
        }
    }

    record AuditProblem(long seq, String problem, String explanation) {
    }

    /** {@code problem} is null when {@code verified} is true. */
    record AuditPage(List<AuditEntryView> entries, long total, boolean verified, AuditProblem problem) {
    }

    private final CurrentAccount current;
    private final FacilitatorAccounts facilitators;
    private final AuditLog audit;

    public AdminController(CurrentAccount current, FacilitatorAccounts facilitators, AuditLog audit) {
        this.current = current;
        this.facilitators = facilitators;
        this.audit = audit;
    }

    @GetMapping("/api/admin/facilitators")
    List<FacilitatorView> listFacilitators() {
        Account admin = current.require();
        return facilitators.list(admin).stream().map(FacilitatorView::of).toList();
    }

    @PostMapping("/api/admin/facilitators")
    ResponseEntity<FacilitatorView> createFacilitator(@RequestBody NewFacilitator body) {
        Account admin = current.require();
        Account created = facilitators.create(admin, body.username(), body.password());
        return ResponseEntity.status(HttpStatus.CREATED).body(FacilitatorView.of(created));
    }

    /** Switched off: signed out everywhere at once (a room socket it held closes), and cannot sign in. */
    @PostMapping("/api/admin/facilitators/{id}/disable")
    FacilitatorView disable(@PathVariable String id) {
        return FacilitatorView.of(facilitators.disable(current.require(), id));
    }

    @PostMapping("/api/admin/facilitators/{id}/enable")
    FacilitatorView enable(@PathVariable String id) {
        return FacilitatorView.of(facilitators.enable(current.require(), id));
    }

    /** The next sign-in must set a new password; signed out everywhere now. */
    @PostMapping("/api/admin/facilitators/{id}/password-reset")
    FacilitatorView passwordReset(@PathVariable String id, @RequestBody PasswordReset body) {
        Optional<String> temporary = Optional.ofNullable(body.temporaryPassword()).filter(p -> !p.isEmpty());
        return FacilitatorView.of(facilitators.requirePasswordReset(current.require(), id, temporary));
    }

    /** For a facilitator who lost their authenticator app; signed out everywhere now. */
    @PostMapping("/api/admin/facilitators/{id}/two-step-off")
    FacilitatorView turnOffTwoStep(@PathVariable String id) {
        return FacilitatorView.of(facilitators.turnOffTwoStep(current.require(), id));
    }

    @DeleteMapping("/api/admin/facilitators/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        facilitators.delete(current.require(), id);
        return ResponseEntity.noContent().build();
    }

    /** Oldest first; {@code offset = total - limit} gives the newest page. */
    @GetMapping("/api/admin/audit")
    AuditPage audit(@RequestParam(defaultValue = "0") long offset, @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_AUDIT_PAGE) {
            throw new BadRequest("offset must be 0 or more and limit from 1 to " + MAX_AUDIT_PAGE + ".");
        }
        VerificationResult verification = audit.verify();
        AuditProblem problem = verification.failure()
                .map(f -> new AuditProblem(f.seq(), f.problem().name(), f.explanation()))
                .orElse(null);
        List<AuditEntryView> entries = audit.page(offset, limit).stream().map(AuditEntryView::of).toList();
        return new AuditPage(entries, audit.size(), verification.ok(), problem);
    }
}

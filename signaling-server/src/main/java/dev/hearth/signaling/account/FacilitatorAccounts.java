package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What admins do with facilitator accounts. Every method takes the acting account and checks its role; admin
 * accounts are not managed here. Switching an account off, deleting it or forcing a new password ends its
 * signed-in sessions at once, and with them any room socket that held one (see {@link SessionRegistry#hold}).
 */
public final class FacilitatorAccounts {

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final SessionRegistry sessions;

    public FacilitatorAccounts(AccountStore accounts, PasswordHasher hasher, AuditLog audit, SessionRegistry sessions) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
        this.sessions = sessions;
    }

    public List<Account> list(Account actor) {
        requireAdmin(actor);
        return accounts.withRole(Role.FACILITATOR);
    }

    public Account create(Account actor, String username, String password) {
        requireAdmin(actor);
        String canonical = Credentials.normalizeUsername(username);
        Credentials.requireStrongPassword(password);
        if (accounts.findByUsername(canonical).isPresent()) {
            // Checked before hashing too, to answer quickly; the store checks again under its lock.
            throw new AccountException(AccountException.USERNAME_TAKEN, "That username is already in use.");
        }
        Account created = accounts.create(canonical, Role.FACILITATOR, hasher.hash(password));
        audit.append("facilitator.created", actor.id(), created.id(), Map.of());
        return created;
    }

    /** The account cannot sign in until {@link #enable enabled}; its sessions end now. */
    public Account disable(Account actor, String facilitatorId) {
        Account target = facilitator(actor, facilitatorId);
        Account changed = accounts.update(target.withDisabled(true));
        sessions.closeAllFor(target.id());
        audit.append("facilitator.disabled", actor.id(), target.id(), Map.of());
        return changed;
    }

    public Account enable(Account actor, String facilitatorId) {
        Account target = facilitator(actor, facilitatorId);
        Account changed = accounts.update(target.withDisabled(false));
        audit.append("facilitator.enabled", actor.id(), target.id(), Map.of());
        return changed;
    }

    /** Deleted for good; the id stays in the audit log and on the rooms it owned, the username is free again. */
    public void delete(Account actor, String facilitatorId) {
        Account target = facilitator(actor, facilitatorId);
        accounts.delete(target.id());
        sessions.closeAllFor(target.id());
        audit.append("facilitator.deleted", actor.id(), target.id(), Map.of());
    }

    /**
     * The next sign-in must set a new password; sessions end now. With {@code temporaryPassword} (for someone who
     * forgot theirs, handed over in person) that becomes the password to sign in with first.
     */
    public Account requirePasswordReset(Account actor, String facilitatorId, Optional<String> temporaryPassword) {
        Account target = facilitator(actor, facilitatorId);
        temporaryPassword.ifPresent(Credentials::requireStrongPassword);
        Account changed = temporaryPassword
                .map(password -> target.withPassword(hasher.hash(password), true))
                .orElseGet(() -> target.withPasswordChangeRequired(true));
        changed = accounts.update(changed);
        sessions.closeAllFor(target.id());
        audit.append("facilitator.password-reset", actor.id(), target.id(),
                Map.of("temporaryPassword", Boolean.toString(temporaryPassword.isPresent())));
        return changed;
    }

    /** For a facilitator who lost the phone with their app: password alone again; sessions end now. */
    public Account turnOffTwoStep(Account actor, String facilitatorId) {
        Account target = facilitator(actor, facilitatorId);
        Account changed = accounts.update(target.withoutTotp());
        sessions.closeAllFor(target.id());
        audit.append("facilitator.two-step-off", actor.id(), target.id(), Map.of());
        return changed;
    }

    private Account facilitator(Account actor, String facilitatorId) {
        requireAdmin(actor);
        return accounts.findById(facilitatorId)
                .filter(account -> account.role() == Role.FACILITATOR)
                .orElseThrow(() -> new AccountException(AccountException.NOT_FOUND, "There is no such facilitator."));
    }

    private static void requireAdmin(Account actor) {
        if (actor == null || actor.role() != Role.ADMIN) {
            throw AccountException.forbidden();
        }
    }
}

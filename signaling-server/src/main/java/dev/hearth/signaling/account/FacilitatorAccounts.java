package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.util.List;
import java.util.Map;

/** What admins do with facilitator accounts. Every method takes the acting account and checks its role. */
public final class FacilitatorAccounts {

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public FacilitatorAccounts(AccountStore accounts, PasswordHasher hasher, AuditLog audit) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
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

    private static void requireAdmin(Account actor) {
        if (actor == null || actor.role() != Role.ADMIN) {
            throw AccountException.forbidden();
        }
    }
}

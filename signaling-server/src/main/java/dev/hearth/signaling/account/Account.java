package dev.hearth.signaling.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A staff account. Members never have one: they come in through invite links.
 * {@code id} is the pseudonymous identifier used everywhere else (audit log, rooms), so the username
 * itself does not spread through the system.
 *
 * @param disabled              an admin switched the account off: it cannot sign in until switched on again
 * @param passwordChangeRequired the next sign-in must set a new password before anything else
 * @param sealedTotpSecret      the two-step sign-in secret, sealed by {@link SecretBox}; empty when not set up
 * @param lastTotpStep          the last TOTP step a code was accepted for (-1 before any), so no code works twice
 */
public record Account(String id, String username, Role role, String passwordHash, Instant createdAt,
                      boolean disabled, boolean passwordChangeRequired, Optional<String> sealedTotpSecret,
                      long lastTotpStep) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sealedTotpSecret, "sealedTotpSecret");
    }

    /** A new, active account without a second factor. */
    public Account(String id, String username, Role role, String passwordHash, Instant createdAt) {
        this(id, username, role, passwordHash, createdAt, false, false, Optional.empty(), -1);
    }

    public boolean hasRole(Role wanted) {
        return role == wanted;
    }

    public boolean hasTotp() {
        return sealedTotpSecret.isPresent();
    }

    public Account withPassword(String newHash, boolean changeRequired) {
        return new Account(id, username, role, newHash, createdAt, disabled, changeRequired, sealedTotpSecret,
                lastTotpStep);
    }

    public Account withPasswordChangeRequired(boolean required) {
        return new Account(id, username, role, passwordHash, createdAt, disabled, required, sealedTotpSecret,
                lastTotpStep);
    }

    public Account withDisabled(boolean off) {
        return new Account(id, username, role, passwordHash, createdAt, off, passwordChangeRequired, sealedTotpSecret,
                lastTotpStep);
    }

    /** {@code usedStep}: the step of the code that confirmed it, which may not be used again. */
    public Account withTotp(String sealed, long usedStep) {
        return new Account(id, username, role, passwordHash, createdAt, disabled, passwordChangeRequired,
                Optional.of(sealed), usedStep);
    }

    public Account withoutTotp() {
        return new Account(id, username, role, passwordHash, createdAt, disabled, passwordChangeRequired,
                Optional.empty(), -1);
    }

    public Account withLastTotpStep(long step) {
        return new Account(id, username, role, passwordHash, createdAt, disabled, passwordChangeRequired,
                sealedTotpSecret, step);
    }

    /** Leaves the hash and secret out, so an account can be logged or shown in a debugger without leaking them. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", role=" + role + ", createdAt=" + createdAt + ", disabled=" + disabled
                + ", totp=" + hasTotp() + "]";
    }
}

package dev.hearth.signaling.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A staff account. Members never have one: they come in through invite links.
 * {@code id} is the pseudonymous identifier used everywhere else (audit log, rooms), so the username
 * itself does not spread through the system.
 */
public record Account(String id, String username, Role role, String passwordHash, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean hasRole(Role wanted) {
        return role == wanted;
    }

    /** Leaves the hash out, so an account can be logged or shown in a debugger without leaking it. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", role=" + role + ", createdAt=" + createdAt + "]";
    }
}

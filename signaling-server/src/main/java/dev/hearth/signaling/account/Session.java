package dev.hearth.signaling.account;

import java.time.Instant;

/**
 * A signed-in browser. {@code id} travels only in the HttpOnly cookie; {@code csrfToken} is handed to
 * the page, which echoes it in {@code X-CSRF-Token} on every change it asks for.
 */
public record Session(String id, String accountId, String csrfToken, Instant createdAt) {

    /** The id and token are credentials: keep them out of logs. */
    @Override
    public String toString() {
        return "Session[accountId=" + accountId + ", createdAt=" + createdAt + "]";
    }
}

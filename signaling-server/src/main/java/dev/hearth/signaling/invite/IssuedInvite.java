package dev.hearth.signaling.invite;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One invite a facilitator made, as the registry keeps it so it can be listed, shown again and revoked.
 * {@code token} is the link's secret part: it is kept (in an owner-only file) so the facilitator can copy the
 * link again, and never logged.
 */
public record IssuedInvite(String inviteId, String roomId, long generation, String token, Instant createdAt,
                           Instant expiresAt, Optional<Instant> revokedAt) {

    public IssuedInvite {
        Objects.requireNonNull(inviteId, "inviteId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    public boolean isLive(Instant now, long currentGeneration) {
        return revokedAt.isEmpty() && generation == currentGeneration && now.isBefore(expiresAt);
    }

    IssuedInvite revoked(Instant at) {
        return new IssuedInvite(inviteId, roomId, generation, token, createdAt, expiresAt, Optional.of(revokedAt.orElse(at)));
    }

    /** The token stays out: entries may be logged. */
    @Override
    public String toString() {
        return "IssuedInvite[inviteId=" + inviteId + ", roomId=" + roomId + ", generation=" + generation
                + ", expiresAt=" + expiresAt + ", revoked=" + revokedAt.isPresent() + "]";
    }
}

package dev.hearth.signaling.invite;

import java.time.Instant;

/** What a verified invite says: which room it opens, until when, and its own id (for revocation and audit). */
public record InviteClaims(String roomId, Instant expiresAt, String inviteId) {
}

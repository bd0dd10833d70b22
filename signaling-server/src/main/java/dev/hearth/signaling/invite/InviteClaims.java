package dev.hearth.signaling.invite;

import java.time.Instant;

/**
 * What a verified invite says: which room it opens, until when, its own id (for revocation and audit) and the
 * room's link generation it was issued in (rotation makes older generations stop working).
 */
public record InviteClaims(String roomId, Instant expiresAt, String inviteId, long generation) {

    public InviteClaims(String roomId, Instant expiresAt, String inviteId) {
        this(roomId, expiresAt, inviteId, 0);
    }
}

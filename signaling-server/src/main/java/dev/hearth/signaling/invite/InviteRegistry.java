package dev.hearth.signaling.invite;

import java.time.Instant;
import java.util.List;

/**
 * What the server remembers about invites beyond the signed token: each room's link generation (rotating the
 * link bumps it, and every token of an older generation stops working) and which invites were revoked. Kept
 * behind this interface so a cluster can share it (a Redis implementation, issue 10); the embedded default is
 * {@link FileInviteRegistry}. Implementations are thread-safe.
 */
public interface InviteRegistry {

    /** The room's current generation; 0 for a room that was never rotated. */
    long generation(String roomId);

    /** Bumps the room's generation, so every invite issued before stops working; returns the new one. */
    long rotate(String roomId);

    /** Remembers an invite just issued (for listing and revocation). */
    void recordIssued(IssuedInvite invite);

    /** The room's invites of its current generation that have not expired, newest first, revoked ones included. */
    List<IssuedInvite> issuedFor(String roomId, Instant now);

    /** Revokes one of the room's invites; false when the room has no such invite. Revoking twice is fine. */
    boolean revoke(String roomId, String inviteId, Instant at);

    boolean isRevoked(String inviteId);

    /** Forgets everything about a deleted room. */
    void forgetRoom(String roomId);
}

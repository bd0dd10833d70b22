package dev.hearth.signaling.care;

/**
 * SEAM for issue 13 §1 (invite rotation, built separately): a breach report may ask to rotate the room's invite
 * link so every old invite stops working. The breach API takes this bean if one exists; until the invite work
 * provides one, a report asking for rotation records {@code link-rotation-unavailable} and rotates nothing.
 */
public interface LinkRotation {

    /** Rotates the room's link for {@code accountId}; returns whether it did (false: not available here). */
    boolean rotate(String roomId, String accountId);
}

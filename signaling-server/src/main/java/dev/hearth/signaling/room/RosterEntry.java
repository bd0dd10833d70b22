package dev.hearth.signaling.room;

import java.time.Instant;

/**
 * One member of the group as its roster shows them: a random id, the first name they gave, since when, and whether
 * the facilitator marked them as having left the group. Their device seat is behind it, as a keyed hash only.
 */
public record RosterEntry(String id, String firstName, Instant since, boolean departed) {
}

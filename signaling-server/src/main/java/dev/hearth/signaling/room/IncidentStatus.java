package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.util.Locale;

/** Where a breach incident stands: reported, contained, done. */
public enum IncidentStatus {
    /** Reported; the facilitator's immediate actions are taken, follow-up is due. */
    OPEN,
    /** The harm is contained (people told, access withdrawn); what remains is review. */
    MITIGATED,
    /** Nothing more to do. Final. */
    CLOSED;

    /** Forward only: open → mitigated → closed, or open → closed (e.g. a report that proved unfounded). */
    boolean canMoveTo(IncidentStatus next) {
        return ordinal() < next.ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentStatus parse(String wire) {
        for (IncidentStatus status : values()) {
            if (status.wire().equals(wire)) {
                return status;
            }
        }
        throw new HearthException(ErrorCode.INVALID_INPUT, "An incident is open, mitigated or closed.");
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reported confidentiality breach in a room: who reported it and when, what was done at once, the audit entries
 * those actions wrote, and its status with every step taken. The facilitator's own account of what happened is
 * kept by the store, sealed; this domain object never holds it, so it cannot end up in a log by accident.
 * Mutable, not thread-safe: its store serialises access.
 */
public final class Incident {

    /** One status an incident reached, when and by which staff account. */
    public record Step(IncidentStatus status, Instant at, String by) {
        public Step {
            Objects.requireNonNull(status);
            Objects.requireNonNull(at);
            Objects.requireNonNull(by);
        }
    }

    private final IncidentId id;
    private final String roomId;
    private final String reportedBy;
    private final Instant reportedAt;
    private final List<String> actions;
    private final List<Long> auditEntries;
    private final List<Step> history;

    private Incident(IncidentId id, String roomId, String reportedBy, Instant reportedAt, List<String> actions,
                     List<Long> auditEntries, List<Step> history) {
        this.id = Objects.requireNonNull(id);
        this.roomId = Objects.requireNonNull(roomId);
        this.reportedBy = Objects.requireNonNull(reportedBy);
        this.reportedAt = Objects.requireNonNull(reportedAt);
        this.actions = List.copyOf(actions);
        this.auditEntries = List.copyOf(auditEntries);
        this.history = new ArrayList<>(history);
        if (this.history.isEmpty() || this.history.get(0).status() != IncidentStatus.OPEN) {
            throw new IllegalArgumentException("an incident's history starts with its opening");
        }
        for (int i = 1; i < this.history.size(); i++) {
            if (!this.history.get(i - 1).status().canMoveTo(this.history.get(i).status())) {
                throw new IllegalArgumentException("an incident's history only moves forward");
            }
        }
    }

    /** A new report: open from {@code reportedAt}, with what was done at once and the audit entries it wrote. */
    public static Incident open(IncidentId id, String roomId, String reportedBy, Instant reportedAt, List<String> actions,
                                List<Long> auditEntries) {
        return new Incident(id, roomId, reportedBy, reportedAt, actions, auditEntries,
                List.of(new Step(IncidentStatus.OPEN, reportedAt, reportedBy)));
    }

    /** An incident as stored; its history is checked like a live one's. */
    public static Incident restore(IncidentId id, String roomId, String reportedBy, Instant reportedAt,
                                   List<String> actions, List<Long> auditEntries, List<Step> history) {
        return new Incident(id, roomId, reportedBy, reportedAt, actions, auditEntries, history);
    }

    /** @throws HearthException {@code bad-state} for a step back, a step to where it is, or any step once closed */
    public void moveTo(IncidentStatus next, String by, Instant at) {
        IncidentStatus now = status();
        if (!now.canMoveTo(next)) {
            throw new HearthException(ErrorCode.BAD_STATE, "This incident is " + now.wire()
                    + "; it can only move forward (open, mitigated, closed).");
        }
        history.add(new Step(next, at, by));
    }

    public IncidentStatus status() {
        return history.get(history.size() - 1).status();
    }

    public IncidentId id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public String reportedBy() {
        return reportedBy;
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    public List<String> actions() {
        return actions;
    }

    public List<Long> auditEntries() {
        return auditEntries;
    }

    public List<Step> history() {
        return List.copyOf(history);
    }
}

package dev.hearth.signaling.api;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.care.IncidentExport;
import dev.hearth.signaling.care.IncidentSigningKey;
import dev.hearth.signaling.care.IncidentStore;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.invite.InviteTokens;
import dev.hearth.signaling.invite.IssuedInvite;
import dev.hearth.signaling.protocol.RoomCommands;
import dev.hearth.signaling.room.BreachResponse;
import dev.hearth.signaling.room.Incident;
import dev.hearth.signaling.room.IncidentId;
import dev.hearth.signaling.room.IncidentStatus;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Breach response (issue 13 §2). A facilitator of the room reports a breach, during or after a session, and in the
 * same step may lock the room, remove or hold members, stop the recording and rotate the link; the report opens an
 * incident. The room's facilitators and the admins follow it up (open → mitigated → closed); admins see every
 * incident and export it as a signed document. Every change is audit-logged; the report's text never is.
 */
@RestController
class IncidentsController {

    private final RoomRegistry rooms;
    private final RoomCommands commands;
    private final IncidentStore incidents;
    private final IncidentSigningKey signingKey;
    private final InviteTokens invites;
    private final AccountStore accounts;
    private final CurrentAccount current;
    private final AuditLog audit;
    private final Clock clock;

    IncidentsController(RoomRegistry rooms, RoomCommands commands, IncidentStore incidents, IncidentSigningKey signingKey,
                        InviteTokens invites, AccountStore accounts, CurrentAccount current,
                        AuditLog audit, Clock clock) {
        this.rooms = rooms;
        this.commands = commands;
        this.incidents = incidents;
        this.signingKey = signingKey;
        this.invites = invites;
        this.accounts = accounts;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * "Report a breach": {@code {text, lock?, remove?: [participantId], hold?: [participantId], stopRecording?,
     * rotateLink?}}. The room actions run first, in one turn of the room; the incident then links the audit entries
     * they wrote.
     */
    @PostMapping("/api/rooms/{id}/incidents")
    @PreAuthorize("hasRole('FACILITATOR')")
    ResponseEntity<Map<String, Object>> report(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Account account = current.require();
        Room room = roomFor(account, id);
        String text = text(body);
        BreachResponse response = new BreachResponse(flag(body, "lock"), ids(body, "remove"), ids(body, "hold"),
                flag(body, "stopRecording"));
        long auditBefore = audit.size();
        List<RoomEvent> events = commands.run(room, account.id(), r -> r.respondToBreach(account.id(), response));
        List<String> actions = actionsOf(events);
        if (flag(body, "rotateLink")) {
            // Every earlier invite dies at once; the facilitator shares the new link once the breach is dealt with.
            IssuedInvite fresh = invites.rotate(room.id().value());
            audit.append("invite.rotate", account.id(), room.id().value(), Map.of("invite", fresh.inviteId()));
            actions.add("link-rotated");
        }
        List<Long> linked = linkedEntries(auditBefore, room, response);
        Incident incident = Incident.open(IncidentId.random(), room.id().value(), account.id(), clock.instant(),
                actions, linked);
        incidents.add(incident, text);
        audit.append("incident.open", account.id(), incident.id().value(),
                Map.of("room", room.id().value(), "actions", String.join(",", actions)));
        return ResponseEntity.status(HttpStatus.CREATED).body(describe(incident, true));
    }

    @GetMapping("/api/rooms/{id}/incidents")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> ofRoom(@PathVariable String id) {
        Account account = current.require();
        Room room = roomFor(account, id);
        audit.append("incident.list", account.id(), room.id().value(), Map.of());
        return incidents.all().stream().filter(i -> i.roomId().equals(room.id().value()))
                .map(i -> describe(i, true)).toList();
    }

    @PutMapping("/api/rooms/{id}/incidents/{incidentId}/status")
    @PreAuthorize("hasRole('FACILITATOR')")
    Map<String, Object> moveForRoom(@PathVariable String id, @PathVariable String incidentId,
                                    @RequestBody(required = false) JsonNode body) {
        Account account = current.require();
        Room room = roomFor(account, id);
        Incident incident = incident(incidentId);
        if (!incident.roomId().equals(room.id().value())) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such incident.");
        }
        return move(account, incident, body);
    }

    @GetMapping("/api/admin/incidents")
    @PreAuthorize("hasRole('ADMIN')")
    List<Map<String, Object>> all() {
        audit.append("incident.list", current.require().id(), "incidents", Map.of());
        return incidents.all().stream().map(i -> describe(i, true)).toList();
    }

    @PutMapping("/api/admin/incidents/{incidentId}/status")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> moveAsAdmin(@PathVariable String incidentId, @RequestBody(required = false) JsonNode body) {
        return move(current.require(), incident(incidentId), body);
    }

    /** The incident as a signed document, offered as a download. */
    @GetMapping("/api/admin/incidents/{incidentId}/export")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, Object>> export(@PathVariable String incidentId) {
        Account admin = current.require();
        Incident incident = incident(incidentId);
        Map<String, Object> document = describe(incident, true);
        document.put("exportedAt", clock.instant().toString());
        document.put("exportedBy", admin.id());
        audit.append("incident.export", admin.id(), incident.id().value(), Map.of("room", incident.roomId()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + incident.id().value() + ".json\"")
                .body(IncidentExport.sign(document, signingKey.key()));
    }

    private Map<String, Object> move(Account account, Incident incident, JsonNode body) {
        JsonNode status = body == null ? null : body.get("status");
        if (status == null || !status.isString()) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "\"status\" must be open, mitigated or closed.");
        }
        IncidentStatus from = incident.status();
        Incident moved = incidents.moveTo(incident.id(), IncidentStatus.parse(status.stringValue()), account.id(),
                clock.instant());
        audit.append("incident.status", account.id(), moved.id().value(),
                Map.of("room", moved.roomId(), "from", from.wire(), "to", moved.status().wire()));
        return describe(moved, true);
    }

    /** What the room actions did, in words the incident keeps (pseudonymous ids only). */
    private static List<String> actionsOf(List<RoomEvent> events) {
        List<String> actions = new ArrayList<>();
        for (RoomEvent event : events) {
            if (event instanceof RoomEvent.LockChanged e && e.locked()) {
                actions.add("room-locked");
            } else if (event instanceof RoomEvent.Removed e) {
                e.audience().recipients().forEach(p -> actions.add("removed:" + p.value()));
            } else if (event instanceof RoomEvent.HoldChanged e && e.held()) {
                actions.add("held:" + e.participant().value());
            } else if (event instanceof RoomEvent.RecordingChanged e && !e.state().isActive()) {
                actions.add("recording-stopped");
            }
        }
        return actions;
    }

    /** The audit entries the room actions wrote: those about this room or the people acted on. */
    private List<Long> linkedEntries(long auditBefore, Room room, BreachResponse response) {
        Set<String> subjects = new HashSet<>();
        subjects.add(room.id().value());
        response.remove().forEach(p -> subjects.add(p.value()));
        response.hold().forEach(p -> subjects.add(p.value()));
        List<Long> linked = new ArrayList<>();
        for (AuditEntry entry : audit.page(auditBefore, (int) Math.max(0, audit.size() - auditBefore))) {
            if (subjects.contains(entry.subject()) || room.id().value().equals(entry.details().get("room"))) {
                linked.add(entry.seq());
            }
        }
        return linked;
    }

    private Map<String, Object> describe(Incident incident, boolean withReport) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("incidentId", incident.id().value());
        shape.put("roomId", incident.roomId());
        shape.put("reportedBy", accounts.findById(incident.reportedBy()).map(Account::username).orElse("(deleted account)"));
        shape.put("reportedAt", incident.reportedAt().toString());
        if (withReport) {
            shape.put("report", incidents.report(incident.id()));
        }
        shape.put("actions", incident.actions());
        shape.put("auditEntries", incident.auditEntries());
        shape.put("status", incident.status().wire());
        shape.put("history", incident.history().stream().map(step -> Map.of("status", step.status().wire(),
                "at", step.at().toString(), "by", accounts.findById(step.by()).map(Account::username)
                        .orElse("(deleted account)"))).toList());
        return shape;
    }

    private Incident incident(String id) {
        return incidents.find(new IncidentId(id))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "There is no such incident."));
    }

    /** Like {@link RoomCareController}: another's room answers exactly like one that does not exist. */
    private Room roomFor(Account account, String id) {
        Room room;
        try {
            room = rooms.find(new RoomId(id)).orElse(null);
        } catch (HearthException malformed) {
            room = null;
        }
        if (room == null || !room.isFacilitatorAccount(account.id())) {
            throw new HearthException(ErrorCode.NOT_FOUND, "There is no such room among yours.");
        }
        return room;
    }

    private static String text(JsonNode body) {
        JsonNode value = body == null ? null : body.get("text");
        if (value == null || !value.isString() || value.stringValue().isBlank()
                || value.stringValue().length() > IncidentStore.MAX_REPORT_LENGTH) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "Say in a few words what happened (\"text\", at most "
                    + IncidentStore.MAX_REPORT_LENGTH + " characters).");
        }
        return value.stringValue().strip();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value != null && !value.isBoolean()) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "\"" + field + "\" must be true or false.");
        }
        return value != null && value.booleanValue();
    }

    private static Set<ParticipantId> ids(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null) {
            return Set.of();
        }
        if (!value.isArray() || value.size() > 100) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "\"" + field + "\" must be a list of participant ids.");
        }
        Set<ParticipantId> ids = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new HearthException(ErrorCode.INVALID_INPUT, "\"" + field + "\" must be a list of participant ids.");
            }
            ids.add(new ParticipantId(item.stringValue()));
        }
        return ids;
    }
}

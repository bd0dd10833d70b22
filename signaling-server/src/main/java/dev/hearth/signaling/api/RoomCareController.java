package dev.hearth.signaling.api;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.care.AttendanceRecord;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.invite.InviteTokens;
import dev.hearth.signaling.ledger.ConsentLedger;
import dev.hearth.signaling.ledger.LedgerExport;
import dev.hearth.signaling.protocol.RoomCommands;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.AgreementVersion;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.room.RosterEntry;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A room's care between and during sessions (issue 13): its living agreement and who facilitates it. Only the
 * room's own facilitators see or change any of it.
 */
@RestController
class RoomCareController {

    /** Agreement texts are meant to be read in a minute, not to carry documents (as when a room is created). */
    private static final int MAX_AGREEMENT_LENGTH = 4000;

    private final RoomRegistry rooms;
    private final RoomCommands commands;
    private final AccountStore accounts;
    private final ConsentLedger ledger;
    private final AttendanceRecord attendance;
    private final CurrentAccount current;
    private final AuditLog audit;
    private final InviteTokens invites;

    RoomCareController(RoomRegistry rooms, RoomCommands commands, AccountStore accounts, ConsentLedger ledger,
                       AttendanceRecord attendance, CurrentAccount current, AuditLog audit, InviteTokens invites) {
        this.invites = invites;
        this.attendance = attendance;
        this.rooms = rooms;
        this.commands = commands;
        this.accounts = accounts;
        this.ledger = ledger;
        this.current = current;
        this.audit = audit;
    }

    /** The agreement in force, every earlier version, and the signed record of who accepted which. */
    @GetMapping("/api/rooms/{id}/agreement")
    @PreAuthorize("hasRole('FACILITATOR')")
    Map<String, Object> agreement(@PathVariable String id) {
        Account account = current.require();
        Room room = roomFor(account, id);
        Map<String, Object> answer = new LinkedHashMap<>();
        List<AgreementVersion> history = room.agreementHistory();
        answer.put("agreement", shape(history.get(history.size() - 1)));
        answer.put("history", history.stream().map(RoomCareController::shape).toList());
        LedgerExport export = ledger.exportAgreements(room.id());
        Map<String, Object> record = new LinkedHashMap<>(export.toJson());
        record.put("verification", Map.of("ok", ledger.verifyAgreements(room.id()).ok()));
        answer.put("ledger", record);
        audit.append("agreement.view", account.id(), room.id().value(), Map.of());
        return answer;
    }

    /**
     * New words for the group. Members in a live session are asked at once and their media waits until they accept;
     * later knocks must accept the new version.
     */
    @PutMapping("/api/rooms/{id}/agreement")
    @PreAuthorize("hasRole('FACILITATOR')")
    Map<String, Object> revise(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Account account = current.require();
        Room room = roomFor(account, id);
        String text = text(body, "text", MAX_AGREEMENT_LENGTH);
        commands.run(room, account.id(), r -> r.reviseAgreement(account.id(), text));
        Agreement agreement = room.agreement();
        return Map.of("version", agreement.version(), "text", agreement.text(), "hash", agreement.hash());
    }

    /** Who came to each session and when: participant ids, roles, first names as the room showed them. */
    @GetMapping("/api/rooms/{id}/attendance")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> attendance(@PathVariable String id) {
        Account account = current.require();
        Room room = roomFor(account, id);
        audit.append("attendance.view", account.id(), room.id().value(), Map.of());
        return attendance.sessionsOf(room.id().value()).stream().map(session -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sessionId", session.sessionId());
            row.put("startedAt", session.startedAt().toString());
            row.put("endedAt", session.endedAt().map(Object::toString).orElse(null));
            row.put("people", session.people().stream().map(p -> {
                Map<String, Object> person = new LinkedHashMap<>();
                person.put("participantId", p.participantId());
                person.put("firstName", p.firstName());
                person.put("role", p.role());
                person.put("joinedAt", p.joinedAt().toString());
                person.put("leftAt", p.leftAt().map(Object::toString).orElse(null));
                return person;
            }).toList());
            return row;
        }).toList();
    }

    /** The group's roster: first names and whether they left the group, nothing more. */
    @GetMapping("/api/rooms/{id}/roster")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> roster(@PathVariable String id) {
        Room room = roomFor(current.require(), id);
        return commands.read(room, Room::roster).stream().map(RoomCareController::shape).toList();
    }

    /**
     * The facilitator notes that a member left the group: their device seat never works in this room again, the
     * invites only they came in with are withdrawn, and if they are in the session now they are removed from it.
     */
    @PostMapping("/api/rooms/{id}/roster/{memberId}/departure")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> departure(@PathVariable String id, @PathVariable String memberId) {
        Account account = current.require();
        Room room = roomFor(account, id);
        commands.run(room, account.id(), r -> r.markLeftGroup(account.id(), memberId));
        audit.append("roster.departure", account.id(), memberId, Map.of("room", room.id().value()));
        // Their own invites die with their seat, so another device cannot bring them back. The room's standing link
        // stays even if they were its only user so far: others may still be on their way with it (the facilitator
        // rotates it when that is needed too).
        String standing = invites.current(room.id().value()).inviteId();
        for (String inviteId : commands.read(room, r -> r.invitesOnlyOf(memberId))) {
            if (!inviteId.equals(standing) && invites.revoke(room.id().value(), inviteId)) {
                audit.append("invite.revoke", account.id(), room.id().value(),
                        Map.of("invite", inviteId, "reason", "left-group"));
            }
        }
        return commands.read(room, Room::roster).stream().map(RoomCareController::shape).toList();
    }

    private static Map<String, Object> shape(RosterEntry entry) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("memberId", entry.id());
        shape.put("firstName", entry.firstName());
        shape.put("since", entry.since().toString());
        shape.put("leftGroup", entry.departed());
        return shape;
    }

    @GetMapping("/api/rooms/{id}/facilitators")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> facilitators(@PathVariable String id) {
        Room room = roomFor(current.require(), id);
        return facilitatorsOf(room);
    }

    /** The owner shares the room with another facilitator account, named by its username. */
    @PostMapping("/api/rooms/{id}/facilitators")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> addFacilitator(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Account owner = current.require();
        Room room = roomFor(owner, id);
        Account other = facilitatorNamed(text(body, "username", 64));
        boolean added = commands.change(room, r -> r.addCoFacilitator(owner.id(), other.id()));
        if (added) {
            audit.append("room.facilitator-add", owner.id(), room.id().value(), Map.of("account", other.id()));
        }
        return facilitatorsOf(room);
    }

    @DeleteMapping("/api/rooms/{id}/facilitators/{username}")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> removeFacilitator(@PathVariable String id, @PathVariable String username) {
        Account owner = current.require();
        Room room = roomFor(owner, id);
        Account other = facilitatorNamed(username);
        boolean removed = commands.change(room, r -> r.removeCoFacilitator(owner.id(), other.id()));
        if (removed) {
            audit.append("room.facilitator-remove", owner.id(), room.id().value(), Map.of("account", other.id()));
        }
        return facilitatorsOf(room);
    }

    /**
     * The room, if this account facilitates it. Someone else's room is
     * {@code not-found}, exactly like a room that does not exist, so ids cannot be probed.
     */
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

    private Account facilitatorNamed(String username) {
        return accounts.findByUsername(username).filter(a -> a.role() == Role.FACILITATOR)
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "There is no facilitator with that username."));
    }

    private List<Map<String, Object>> facilitatorsOf(Room room) {
        List<String> ids = room.facilitatorAccounts();
        return ids.stream().map(accountId -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("username", accounts.findById(accountId).map(Account::username).orElse("(deleted account)"));
            row.put("owner", accountId.equals(room.ownerAccountId()));
            return row;
        }).toList();
    }

    private static Map<String, Object> shape(AgreementVersion version) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("version", version.agreement().version());
        shape.put("text", version.agreement().text());
        shape.put("hash", version.agreement().hash());
        shape.put("at", version.at().toString());
        return shape;
    }

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "\"" + field + "\" must be non-empty text.");
        }
        if (value.stringValue().length() > maxLength) {
            throw new HearthException(ErrorCode.INVALID_INPUT,
                    "\"" + field + "\" is limited to " + maxLength + " characters.");
        }
        return value.stringValue().strip();
    }
}

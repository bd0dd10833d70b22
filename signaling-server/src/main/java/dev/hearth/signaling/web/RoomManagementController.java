package dev.hearth.signaling.web;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.invite.InviteTokens;
import dev.hearth.signaling.invite.IssuedInvite;
import dev.hearth.signaling.protocol.RoomCommands;
import dev.hearth.signaling.retention.RoomShredding;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a facilitator does with one of their own rooms outside a session: its invites (list, new with a chosen
 * lifetime, revoke one, rotate the link so every earlier one dies), its title, archiving and deletion. Another
 * facilitator's room is answered as {@code not-found}, so ids of rooms one does not own tell nothing.
 */
@RestController
@PreAuthorize("hasRole('FACILITATOR')")
public class RoomManagementController {

    public static final int MAX_INVITE_DAYS = (int) InviteTokens.MAX_TTL.toDays();

    record NewInvite(Integer days) {
    }

    record NewTitle(String title) {
    }

    record Archive(Boolean archived) {
    }

    /** {@code status}: "active" or "revoked"; invites of older generations and expired ones are not listed. */
    record InviteView(String inviteId, String url, String createdAt, String expiresAt, String status) {
    }

    record Deleted(String roomId, int recordingsShredded, int recordingsKeptOnHold) {
    }

    private final RoomRegistry rooms;
    private final InviteTokens invites;
    private final RoomShredding shredding;
    private final RoomCommands commands;
    private final CurrentAccount current;
    private final AuditLog audit;
    private final PublicLinks links;
    private final Clock clock;

    public RoomManagementController(RoomRegistry rooms, InviteTokens invites, RoomShredding shredding,
                                    RoomCommands commands, CurrentAccount current, AuditLog audit, PublicLinks links,
                                    Clock clock) {
        this.commands = commands;
        this.rooms = rooms;
        this.invites = invites;
        this.shredding = shredding;
        this.current = current;
        this.audit = audit;
        this.links = links;
        this.clock = clock;
    }

    @GetMapping("/api/rooms/{roomId}/invites")
    Map<String, List<InviteView>> listInvites(@PathVariable String roomId) {
        Room room = ownRoom(current.require(), roomId);
        return Map.of("invites", invites.list(room.id().value()).stream().map(this::view).toList());
    }

    @PostMapping("/api/rooms/{roomId}/invites")
    @ResponseStatus(HttpStatus.CREATED)
    InviteView newInvite(@PathVariable String roomId, @RequestBody NewInvite body) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        int days = body.days() == null ? (int) InviteTokens.DEFAULT_TTL.toDays() : body.days();
        if (days < 1 || days > MAX_INVITE_DAYS) {
            throw new BadRequest("An invite works for 1 to " + MAX_INVITE_DAYS + " days.");
        }
        commands.read(room, RoomManagementController::requireNotArchived);
        IssuedInvite invite = invites.issueInvite(room.id().value(), Duration.ofDays(days));
        audit.append("invite.issue", facilitator.id(), room.id().value(),
                Map.of("invite", invite.inviteId(), "days", Integer.toString(days)));
        return view(invite);
    }

    @PostMapping("/api/rooms/{roomId}/invites/{inviteId}/revoke")
    InviteView revoke(@PathVariable String roomId, @PathVariable String inviteId) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        if (!invites.revoke(room.id().value(), inviteId)) {
            throw new HearthException(ErrorCode.NOT_FOUND, "This room has no such invite.");
        }
        audit.append("invite.revoke", facilitator.id(), room.id().value(), Map.of("invite", inviteId));
        return invites.list(room.id().value()).stream().filter(i -> i.inviteId().equals(inviteId))
                .findFirst().map(this::view)
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "This room has no such invite."));
    }

    /** Every invite of the room stops working at once; the answer is the one new link to share. */
    @PostMapping("/api/rooms/{roomId}/invites/rotate")
    InviteView rotate(@PathVariable String roomId) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        commands.read(room, RoomManagementController::requireNotArchived);
        IssuedInvite fresh = invites.rotate(room.id().value());
        audit.append("invite.rotate", facilitator.id(), room.id().value(), Map.of("invite", fresh.inviteId()));
        return view(fresh);
    }

    @PostMapping("/api/rooms/{roomId}/title")
    Map<String, String> rename(@PathVariable String roomId, @RequestBody NewTitle body) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        String title = commands.change(room, r -> {
            try {
                r.retitle(body.title());
            } catch (IllegalArgumentException | HearthException e) {
                throw new BadRequest("A room needs a title of up to " + Room.MAX_TITLE_LENGTH + " characters, on one line.");
            }
            return r.title();
        });
        audit.append("room.rename", facilitator.id(), room.id().value(), Map.of());
        return Map.of("roomId", room.id().value(), "title", title);
    }

    /**
     * Archived: kept for its records, nobody can enter or knock, and every invite stops working (the link is
     * rotated). Brought back, the facilitator makes a new invite.
     */
    @PostMapping("/api/rooms/{roomId}/archive")
    Map<String, Object> archive(@PathVariable String roomId, @RequestBody Archive body) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        if (body.archived() == null) {
            throw new BadRequest("Say \"archived\": true or false.");
        }
        commands.change(room, r -> {
            r.setArchived(body.archived());
            return null;
        });
        if (body.archived()) {
            invites.rotate(room.id().value());
        }
        audit.append(body.archived() ? "room.archive" : "room.unarchive", facilitator.id(), room.id().value(), Map.of());
        return Map.of("roomId", room.id().value(), "archived", body.archived());
    }

    /**
     * Deletes an empty room: its invites die, and its recordings are crypto-shredded unless on legal hold. The room
     * is archived first, in its turn, so nobody can come in while the recordings go; if one cannot be shredded,
     * the room stays (archived) and the answer says so, and deleting again tries again.
     */
    @DeleteMapping("/api/rooms/{roomId}")
    Deleted delete(@PathVariable String roomId) {
        Account facilitator = current.require();
        Room room = ownRoom(facilitator, roomId);
        commands.change(room, r -> {
            r.setArchived(true);
            return null;
        });
        RoomShredding.Result result = shredding.shredRoom(room.id().value(), facilitator.id());
        if (!result.failed().isEmpty()) {
            throw new RoomNotDeleted(result.failed().size());
        }
        invites.forget(room.id().value());
        commands.delete(room);
        audit.append("room.delete", facilitator.id(), room.id().value(), Map.of(
                "shredded", Integer.toString(result.shredded().size()),
                "keptOnHold", Integer.toString(result.keptOnHold().size())));
        return new Deleted(room.id().value(), result.shredded().size(), result.keptOnHold().size());
    }

    /** Answered 500 {@code shred-failed}: the server could not destroy a recording, nothing the person did. */
    public static final class RoomNotDeleted extends RuntimeException {
        RoomNotDeleted(int failed) {
            super(failed + (failed == 1 ? " recording" : " recordings")
                    + " could not be destroyed, so the room was archived but not deleted. Try again later.");
        }

        public String code() {
            return "shred-failed";
        }
    }

    private Room ownRoom(Account facilitator, String roomId) {
        return rooms.find(new RoomId(roomId))
                .filter(room -> room.ownerAccountId().equals(facilitator.id()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "You have no room with this id."));
    }

    private static Void requireNotArchived(Room room) {
        if (room.isArchived()) {
            throw new HearthException(ErrorCode.ROOM_ARCHIVED, "This room is archived. Bring it back to invite people.");
        }
        return null;
    }

    private InviteView view(IssuedInvite invite) {
        Instant now = clock.instant();
        String status = invite.isRevoked() ? "revoked" : now.isBefore(invite.expiresAt()) ? "active" : "expired";
        return new InviteView(invite.inviteId(), links.link("/join/{token}", invite.token()),
                invite.createdAt().toString(), invite.expiresAt().toString(), status);
    }
}

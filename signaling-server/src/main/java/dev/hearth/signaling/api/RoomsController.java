package dev.hearth.signaling.api;

import tools.jackson.databind.JsonNode;
import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.config.PublicOrigin;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.invite.InviteClaims;
import dev.hearth.signaling.invite.InviteTokens;
import dev.hearth.signaling.protocol.RoomCommands;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/** Facilitators create and list their rooms; anyone holding an invite may read what they are joining. */
@RestController
class RoomsController {

    /** Agreement texts are meant to be read in a minute, not to carry documents. */
    private static final int MAX_AGREEMENT_LENGTH = 4000;

    private final RoomRegistry rooms;
    private final InviteTokens invites;
    private final RoomCommands commands;
    private final CurrentAccount current;
    private final AuditLog audit;
    private final PublicOrigin publicOrigin;

    RoomsController(RoomRegistry rooms, InviteTokens invites, RoomCommands commands, CurrentAccount current,
                    AuditLog audit, PublicOrigin publicOrigin) {
        this.commands = commands;
        this.rooms = rooms;
        this.invites = invites;
        this.current = current;
        this.audit = audit;
        this.publicOrigin = publicOrigin;
    }

    @PostMapping("/api/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('FACILITATOR')")
    Map<String, Object> create(@RequestBody(required = false) JsonNode body) {
        Account facilitator = current.require();
        String title = optionalText(body, "title", Room.MAX_TITLE_LENGTH).orElse("Group session");
        Optional<String> agreement = optionalText(body, "agreement", MAX_AGREEMENT_LENGTH);
        Room room = rooms.create(facilitator.id(), title, agreement);
        audit.append("room.create", facilitator.id(), room.id().value(), Map.of());
        return describe(room);
    }

    /** The rooms this facilitator owns or co-facilitates. */
    @GetMapping("/api/rooms")
    @PreAuthorize("hasRole('FACILITATOR')")
    List<Map<String, Object>> list() {
        Account facilitator = current.require();
        // Sorted by the titles read in each room's turn, not by the live rooms.
        return rooms.facilitatedBy(facilitator.id()).stream()
                .map(this::describe)
                .sorted(Comparator.comparing(described -> (String) described.get("title")))
                .toList();
    }

    /** What the join page shows before anyone types a name: the room's title and its agreement. */
    @GetMapping("/api/invites/{token}")
    Map<String, Object> invite(@PathVariable String token) {
        InviteClaims claims = invites.verify(token);
        Room room = rooms.find(new RoomId(claims.roomId()))
                .orElseThrow(() -> new HearthException(ErrorCode.NOT_FOUND, "This room no longer exists."));
        return commands.read(room, r -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("roomTitle", r.title());
            answer.put("agreement", Map.of("version", r.agreement().version(), "text", r.agreement().text()));
            answer.put("locked", r.isLocked());
            answer.put("recording", r.recordingState().isActive());
            return answer;
        });
    }

    private Map<String, Object> describe(Room room) {
        Map<String, Object> answer = commands.read(room, r -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("roomId", r.id().value());
            state.put("title", r.title());
            state.put("agreement", Map.of("version", r.agreement().version(), "text", r.agreement().text()));
            state.put("locked", r.isLocked());
            state.put("archived", r.isArchived());
            state.put("participants", r.participants().size());
            state.put("waiting", r.lobby().size());
            return state;
        });
        CurrentAccount.signedInNow().ifPresent(signedIn ->
                answer.put("owner", room.ownerAccountId().equals(signedIn.account().id())));
        // The room's standing link, made once and shown again; an archived room has none (its links were rotated).
        answer.put("inviteUrl", Boolean.TRUE.equals(answer.get("archived")) ? null
                : link("/join/{token}", invites.current(room.id().value()).token()));
        answer.put("roomUrl", link("/room/{id}", room.id().value()));
        return answer;
    }

    /** Links go out by e-mail and chat, so they carry the address members open, not the proxy's inner one. */
    private String link(String pathTemplate, String value) {
        UriComponents current = ServletUriComponentsBuilder.fromCurrentContextPath().build();
        String base = publicOrigin.base(current.getScheme(), current.getHost(), current.getPort());
        return UriComponentsBuilder.fromUriString(base).path(pathTemplate).buildAndExpand(value).toUriString();
    }

    private static Optional<String> optionalText(JsonNode body, String field, int maxLength) {
        if (body == null || !body.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new HearthException(ErrorCode.INVALID_INPUT, "\"" + field + "\" must be non-empty text.");
        }
        if (value.stringValue().length() > maxLength) {
            throw new HearthException(ErrorCode.INVALID_INPUT,
                    "\"" + field + "\" is limited to " + maxLength + " characters.");
        }
        return Optional.of(value.stringValue().strip());
    }
}

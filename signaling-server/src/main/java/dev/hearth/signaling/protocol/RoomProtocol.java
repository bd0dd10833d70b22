package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayException;
import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.account.SessionRegistry;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.identity.RandomIds;
import dev.hearth.signaling.invite.InviteClaims;
import dev.hearth.signaling.invite.InviteException;
import dev.hearth.signaling.invite.InviteTokens;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.KnockLimiter;
import dev.hearth.signaling.room.Resumption;
import dev.hearth.signaling.room.Room;
import dev.hearth.signaling.room.RoomEvent;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.serial.RoomTurns;
import dev.hearth.signaling.turn.TurnCredentials;
import dev.hearth.signaling.web.security.SignedInAccount;
import dev.hearth.signaling.web.security.StaffSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The signaling protocol of docs/protocol.md: binds connections to rooms, turns requests into room commands
 * and the events they cause into messages for exactly the people the room addressed them to.
 * Every command on a room runs in the room's turn ({@link RoomTurns}): the room decides (its method returns the
 * events), then the effects (relay, ledger, audit, messages) run, still in the turn, so every member sees a room's
 * changes in the order they happened and the next command sees this one finished. Parsing, invite checks and
 * session lookups happen before, on the caller's thread.
 *
 * <p>A relay call that fails after the room decided does not undo the decision (some cannot be undone: a leave,
 * a removal, the end): the event is still announced to everyone it concerns, so the room's state and what people
 * were told agree, and the requester gets {@code relay-unavailable} instead of {@code ok}.
 *
 * <p>A facilitator's connection holds their sign-in session ({@link SessionRegistry#hold}) from entering the room
 * until it stops speaking for them there, so sitting in a live room keeps them signed in; when the session ends,
 * the connection is unbound in the room's turn, told {@code not-signed-in} and closed.
 */
@Component
class RoomProtocol {

    private static final Logger log = LoggerFactory.getLogger(RoomProtocol.class);
    private static final Pattern SEAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Set<String> KNOWN_TYPES = Set.of(
            "ping", "join", "enter", "resume", "cancel", "lobby-consent",
            "admit", "deny", "lock", "unlock", "mute", "unmute", "remove", "rename", "end",
            "request-recording", "stop-recording", "consent", "decline", "withdraw-consent", "leave",
            "revise-agreement", "accept-agreement", "release",
            "publish", "subscribe-answer", "ice-restart", "ice-servers");
    private static final Set<String> MEDIA_TYPES = Set.of("publish", "subscribe-answer", "ice-restart", "ice-servers");
    /** An SDP of a dozen m-lines is a few KiB; the message limit (64 KiB) bounds it anyway. */
    private static final int MAX_SDP_LENGTH = 60 * 1024;
    /** The requester's answer when the room decided but a relay call of its effects failed. */
    private static final String RELAY_DID_NOT_CONFIRM =
            "Done in the room, but the media server did not confirm it; media may not follow until it recovers.";

    private final RoomRegistry rooms;
    private final InviteTokens invites;
    private final StaffSessions staffSessions;
    private final SessionRegistry sessions;
    private final RoomEventEffects effects;
    private final MediaNegotiator negotiator;
    private final TurnCredentials turn;
    private final KnockLimiter knocks;
    private final RoomTurns turns;
    private final Clock clock;
    /** Rooms with a grace-period check already queued, so a busy room does not pile up one per timer tick. */
    private final Set<RoomId> expiryQueued = ConcurrentHashMap.newKeySet();
    /** Which room and participant each connection speaks for. */
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    /** The live connection of each participant (participant ids are random, so one map serves all rooms). */
    private final Map<ParticipantId, Peer> peers = new ConcurrentHashMap<>();

    RoomProtocol(RoomRegistry rooms, InviteTokens invites, StaffSessions staffSessions, SessionRegistry sessions,
                 RoomEventEffects effects, MediaNegotiator negotiator, TurnCredentials turn, KnockLimiter knocks,
                 RoomTurns turns, Clock clock) {
        this.turns = turns;
        this.negotiator = negotiator;
        this.turn = turn;
        this.knocks = knocks;
        this.rooms = rooms;
        this.invites = invites;
        this.staffSessions = staffSessions;
        this.sessions = sessions;
        this.effects = effects;
        this.clock = clock;
    }

    private record Binding(Room room, ParticipantId participant, Optional<Staff> staff) {
        static Binding member(Room room, ParticipantId participant) {
            return new Binding(room, participant, Optional.empty());
        }

        Optional<String> accountId() {
            return staff.map(Staff::accountId);
        }
    }

    /** The signed-in account a facilitator's connection acts for, and its hold on their session. */
    private record Staff(String accountId, SessionRegistry.Hold session) {
    }

    void handle(Peer peer, Inbound in) {
        if (!KNOWN_TYPES.contains(in.type())) {
            throw new ProtocolException("unknown-type", "Unknown message type.");
        }
        try {
            switch (in.type()) {
                case "ping" -> peer.send(withId(Messages.message("pong"), in.id()));
                case "join" -> join(peer, in);
                case "enter" -> enter(peer, in);
                case "resume" -> resume(peer, in);
                default -> command(peer, in);
            }
        } catch (HearthException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        } catch (InviteException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        } catch (RelayException e) {
            throw new ProtocolException(e.code(), e.getMessage());
        }
    }

    /**
     * A member knocks with an invite, a first name and the accepted agreement version. Every attempt counts
     * against the client address's knocks per minute, before anything else is looked at.
     */
    private void join(Peer peer, Inbound in) {
        requireUnbound(peer);
        peer.clientAddress().ifPresent(knocks::knock);
        InviteClaims claims = invites.verify(in.text("invite", 1024));
        Room room = rooms.find(new RoomId(claims.roomId()))
                .orElseThrow(() -> new ProtocolException("not-found", "This room no longer exists."));
        FirstName name = FirstName.parse(in.text("firstName", 256));
        int agreementVersion = in.integer("agreementVersion");
        String offeredSeat = in.optionalText("seat", 64);
        String seat = offeredSeat != null && SEAT.matcher(offeredSeat).matches() ? offeredSeat : RandomIds.base64Url(24);
        Optional<Boolean> recordingConsent = in.body().has("recordingConsent")
                ? Optional.of(in.bool("recordingConsent")) : Optional.empty();
        turns.run(room.id(), () -> {
            List<RoomEvent> events = room.knock(seat, name, agreementVersion, recordingConsent, peer.clientAddress(),
                    Optional.of(claims.inviteId()));
            ParticipantId waiter = events.stream()
                    .filter(RoomEvent.KnockedIntoLobby.class::isInstance)
                    .map(e -> ((RoomEvent.KnockedIntoLobby) e).you())
                    .findFirst().orElseThrow();
            bind(peer, Binding.member(room, waiter));
            log.info("room.knock room={} participant={} conn={}", room.id(), waiter, peer.connectionId());
            deliver(room, events, new Request(waiter, in.id(), seat, null));
        });
    }

    /** The room's facilitator enters directly; the WebSocket handshake carried their session cookie. */
    private void enter(Peer peer, Inbound in) {
        requireUnbound(peer);
        SignedInAccount signedIn = facilitatorOf(peer);
        Account account = signedIn.account();
        Room room = rooms.find(new RoomId(in.text("roomId", 64)))
                .orElseThrow(() -> new ProtocolException("not-found", "There is no such room."));
        FirstName name = FirstName.parse(in.text("firstName", 256));
        turns.run(room.id(), () -> {
            Staff staff = staff(peer, signedIn);
            List<RoomEvent> events;
            try {
                events = room.enterAsFacilitator(account.id(), name);
            } catch (RuntimeException e) {
                staff.session().release();
                throw e;
            }
            ParticipantId self = events.stream()
                    .filter(RoomEvent.Admitted.class::isInstance)
                    .map(e -> ((RoomEvent.Admitted) e).you().id())
                    .findFirst().orElseThrow();
            bind(peer, new Binding(room, self, Optional.of(staff)));
            log.info("room.enter room={} participant={} conn={}", room.id(), self, peer.connectionId());
            deliver(room, events, new Request(self, in.id(), null, account.id()));
        });
    }

    /** Back within the grace period after a dropped connection: no lobby again. */
    private void resume(Peer peer, Inbound in) {
        requireUnbound(peer);
        String token = in.text("resumeToken", 128);
        // Looked up before the room's turn: a lookup may end an expired session, and ending one tells its holders,
        // whose rooms take it in their own turns.
        Optional<SignedInAccount> signedIn =
                staffSessions.signedInFromCookieHeader(peer.cookieHeader());
        Room room = rooms.all().stream()
                .filter(candidate -> turns.call(candidate.id(), () -> candidate.holdsResumeToken(token)))
                .findFirst()
                .orElseThrow(() -> new ProtocolException("resume-expired",
                        "Your place in the room has expired. Please join again from the invite link."));
        turns.run(room.id(), () -> {
            // A facilitator's sign-in is checked before the room changes: a refused resume must leave the place
            // (and its token) for the resume that comes after signing in again.
            boolean facilitator = room.roleHoldingResumeToken(token)
                    .filter(role -> role == dev.hearth.signaling.room.Role.FACILITATOR).isPresent();
            Optional<SignedInAccount> account = facilitator ? Optional.of(requireFacilitator(signedIn))
                    : Optional.empty();
            Resumption resumption = room.resume(token);
            ParticipantId self = resumption.participant();
            Peer previous = peers.get(self);
            if (previous != null) {
                unbind(previous, self);
                previous.close("replaced");
            }
            Optional<Staff> staff = account.map(signedInAccount -> staff(peer, signedInAccount));
            Binding binding = new Binding(room, self, staff);
            bind(peer, binding);
            log.info("room.resume room={} participant={} conn={}", room.id(), self, peer.connectionId());
            deliver(room, resumption.events(), new Request(self, in.id(), null, binding.accountId().orElse(null)));
        });
    }

    private void command(Peer peer, Inbound in) {
        Binding binding = bindings.get(peer.connectionId());
        if (binding == null) {
            throw new ProtocolException("not-joined", "Join a room first.");
        }
        Room room = binding.room();
        ParticipantId self = binding.participant();
        if (MEDIA_TYPES.contains(in.type())) {
            media(peer, room, self, in);
            return;
        }
        if (binding.staff().isPresent() && !binding.staff().get().session().isLive()) {
            // The session ended a moment ago and its holder is being told; no command slips in meanwhile.
            throw new ProtocolException("not-signed-in", "Your sign-in has expired. Please sign in again.");
        }
        turns.run(room.id(), () -> {
            List<RoomEvent> events = switch (in.type()) {
                case "cancel" -> room.cancelKnock(self);
                case "lobby-consent" -> room.answerRecordingInLobby(self, in.bool("consent"));
                case "admit" -> room.admit(self, target(in));
                case "deny" -> room.deny(self, target(in));
                case "lock" -> room.lock(self);
                case "unlock" -> room.unlock(self);
                case "mute" -> room.mute(self, target(in));
                case "unmute" -> room.unmute(self, target(in));
                case "remove" -> room.remove(self, target(in));
                case "rename" -> room.rename(self, target(in), FirstName.parse(in.text("firstName", 256)));
                case "end" -> room.end(self);
                case "request-recording" -> room.requestRecording(self);
                case "stop-recording" -> room.stopRecording(self);
                case "consent" -> room.consent(self, recordingId(in));
                case "decline" -> room.decline(self, recordingId(in));
                case "withdraw-consent" -> room.withdrawConsent(self);
                case "leave" -> room.leave(self);
                case "revise-agreement" -> room.reviseAgreement(requireStaffAccount(binding),
                        in.text("text", Agreement.MAX_TEXT_LENGTH));
                case "accept-agreement" -> room.acknowledgeAgreement(self, in.integer("version"));
                case "release" -> room.release(self, target(in));
                default -> throw new ProtocolException("unknown-type", "Unknown message type.");
            };
            log.info("room.command room={} participant={} type={}", room.id(), self, in.type());
            Delivery delivery = deliverThenClose(room, events,
                    new Request(self, in.id(), null, binding.accountId().orElse(null)));
            if (in.type().equals("cancel") || in.type().equals("leave")) {
                unbind(peer, self);
            }
            peer.send(delivery.relayFailure() == null ? Messages.ok(in.id())
                    : SignalingHandler.error(in.id(), delivery.relayFailure().code(), RELAY_DID_NOT_CONFIRM));
            delivery.closings().forEach(Runnable::run);
        });
    }

    /**
     * Offer/answer with the relay. Only admitted participants get media, and the relay is told about a
     * facilitator's mute before their first packet can arrive.
     */
    private void media(Peer peer, Room room, ParticipantId self, Inbound in) {
        turns.run(room.id(), () -> {
            if (!room.isAdmitted(self)) {
                throw new ProtocolException("not-admitted", "Media starts once the facilitator lets you in.");
            }
            switch (in.type()) {
                case "publish" -> {
                    String answer = negotiator.publish(room, self, in.text("sdp", MAX_SDP_LENGTH));
                    Map<String, Object> reply = Messages.message("publish-answer");
                    reply.put("sdp", answer);
                    peer.send(withId(reply, in.id()));
                    // The relay raises no renegotiation event for the publisher itself, so someone joining a
                    // call already in progress would otherwise never be offered the others' tracks.
                    negotiator.offer(peer, room, self, false);
                }
                case "subscribe-answer" -> negotiator.subscribeAnswer(peer, room, self,
                        in.text("sdp", MAX_SDP_LENGTH), () -> peer.send(Messages.ok(in.id())));
                case "ice-servers" -> {
                    // Renewed before the last ones expire, and before an ICE restart gathers relay candidates.
                    Map<String, Object> reply = Messages.message("ice-servers");
                    Messages.putIceServers(reply, turn.iceServersFor(self), clock);
                    peer.send(withId(reply, in.id()));
                }
                default -> {
                    peer.send(Messages.ok(in.id()));
                    negotiator.offer(peer, room, self, true);
                }
            }
        });
    }

    /**
     * A command from the HTTP API ({@code accountId} a signed-in staff account), run and delivered exactly like a
     * socket command: its events reach the people in the room, the ledger, the audit log and the relay before this
     * returns. A relay failure after the decision is thrown once everything is delivered.
     */
    List<RoomEvent> runForAccount(Room room, String accountId, java.util.function.Function<Room, List<RoomEvent>> command) {
        return turns.call(room.id(), () -> {
            List<RoomEvent> events = command.apply(room);
            Delivery delivery = deliverThenClose(room, events, new Request(null, null, null, accountId));
            delivery.closings().forEach(Runnable::run);
            if (delivery.relayFailure() != null) {
                throw new RelayException(delivery.relayFailure().code(), RELAY_DID_NOT_CONFIRM, delivery.relayFailure());
            }
            return events;
        });
    }

    /** Reads room state that only the room's own turn may touch (the same seam as {@link #runForAccount}). */
    <T> T readInTurn(Room room, java.util.function.Function<Room, T> query) {
        return turns.call(room.id(), () -> query.apply(room));
    }

    /** The relay's producers changed: the participant gets a fresh subscribe offer. */
    void renegotiate(String roomId, String participantId) {
        ParticipantId participant;
        Room room;
        try {
            participant = new ParticipantId(participantId);
            room = rooms.find(new RoomId(roomId)).orElse(null);
        } catch (HearthException e) {
            return;
        }
        Peer peer = peers.get(participant);
        if (room == null || peer == null) {
            return;
        }
        turns.execute(room.id(), () -> {
            if (room.isAdmitted(participant)) {
                negotiator.offer(peer, room, participant, false);
            }
        });
    }

    /**
     * The connection dropped: an admitted participant keeps their place for the grace period. Handed to the room's
     * turn without waiting: a busy room must not make the departure fail.
     */
    void disconnected(Peer peer) {
        negotiator.forget(peer);
        Binding binding = removeBinding(peer);
        if (binding == null) {
            return;
        }
        peers.remove(binding.participant(), peer);
        Room room = binding.room();
        turns.execute(room.id(), () -> deliver(room, room.disconnected(binding.participant()), Request.none()));
    }

    /**
     * A facilitator's session ended (sign-out, expiry, the account's removal): their connection gets nothing more
     * from the room and is closed. Like any dropped connection they keep their place for the grace period, so
     * signing in again and resuming brings them back.
     */
    private void sessionEnded(Peer peer) {
        Binding binding = bindings.get(peer.connectionId());
        if (binding == null) {
            return;
        }
        Room room = binding.room();
        // Without waiting: this is called wherever the session ends, possibly in another room's turn.
        turns.execute(room.id(), () -> {
            if (!bindings.remove(peer.connectionId(), binding)) {
                return;
            }
            negotiator.forget(peer);
            peers.remove(binding.participant(), peer);
            log.info("room.signed-out room={} participant={} conn={}", room.id(), binding.participant(),
                    peer.connectionId());
            peer.send(SignalingHandler.error(null, "not-signed-in",
                    "Your sign-in has ended. Please sign in again to return to the room."));
            deliver(room, room.disconnected(binding.participant()), Request.none());
            peer.close("not-signed-in");
        });
    }

    /** Turns expired grace periods into departures. */
    @Scheduled(fixedDelay = 1000)
    void expireGracePeriods() {
        for (Room room : rooms.all()) {
            if (!expiryQueued.add(room.id())) {
                continue;
            }
            turns.execute(room.id(), () -> {
                expiryQueued.remove(room.id());
                Instant now = clock.instant();
                Optional<Instant> next = room.nextExpiry();
                if (next.isPresent() && !next.get().isAfter(now)) {
                    deliver(room, room.expire(), Request.none());
                }
            });
        }
    }

    /** Who asked for the command being delivered, so their direct reply can echo the request id. */
    record Request(ParticipantId requester, String requestId, String seat, String accountId) {
        static Request none() {
            return new Request(null, null, null, null);
        }

        String actor() {
            return accountId != null ? accountId : requester == null ? "system" : requester.value();
        }
    }

    /**
     * Delivers and then closes the connections the events ended. Only for events nobody asked for directly or whose
     * effects never call the relay (knock, entry, resumption, a dropped connection); a relay failure is logged.
     */
    private void deliver(Room room, List<RoomEvent> events, Request request) {
        deliverThenClose(room, events, request).closings().forEach(Runnable::run);
    }

    /** What delivering a command's events left to do: closings, and the first relay call that failed, if any. */
    private record Delivery(List<Runnable> closings, RelayException relayFailure) {
    }

    /**
     * Delivers every event to its recipients and returns the closings they call for, so the requester's
     * acknowledgement can go out before its own connection is closed (e.g. a facilitator ending the session).
     * A relay failure in one event's effects does not stop its announcement nor the following events.
     */
    private Delivery deliverThenClose(Room room, List<RoomEvent> events, Request request) {
        // Every command's events pass here, in the room's turn: saved before anyone hears of the change.
        rooms.save(room);
        List<Runnable> closings = new java.util.ArrayList<>();
        RelayException relayFailure = null;
        for (RoomEvent event : events) {
            try {
                effects.apply(room, event, request);
            } catch (RelayException e) {
                log.warn("room.relay-failed room={} event={} code={}", room.id(), event.getClass().getSimpleName(),
                        e.code());
                if (relayFailure == null) {
                    relayFailure = e;
                }
            }
            Map<String, Object> message = RoomEventMessages.toMessage(room, event);
            for (ParticipantId recipient : event.audience().recipients()) {
                Peer peer = peers.get(recipient);
                if (peer == null) {
                    continue;
                }
                Map<String, Object> copy = message;
                if (recipient.equals(request.requester()) && RoomEventMessages.isDirectReply(event)) {
                    copy = withId(new java.util.LinkedHashMap<>(message), request.requestId());
                    if (request.seat() != null) {
                        copy.put("seat", request.seat());
                    }
                }
                if (isOwnAdmission(event, recipient)) {
                    // Per participant and short-lived, so never part of a message anyone else receives.
                    copy = new java.util.LinkedHashMap<>(copy);
                    Messages.putIceServers(copy, turn.iceServersFor(recipient), clock);
                }
                peer.send(copy);
                if (event instanceof RoomEvent.Admitted || restartsMedia(event, recipient)) {
                    // Someone let in sees the others at once, whether or not they ever publish themselves; so does
                    // someone back after a restart, on the fresh transport the relay makes for them now.
                    negotiator.offer(peer, room, recipient, false);
                }
            }
            closings.addAll(closingsFor(event));
        }
        return new Delivery(closings, relayFailure);
    }

    private static boolean isOwnAdmission(RoomEvent event, ParticipantId recipient) {
        return event instanceof RoomEvent.Admitted e && e.you().id().equals(recipient)
                || event instanceof RoomEvent.Resumed r && r.you().id().equals(recipient);
    }

    private static boolean restartsMedia(RoomEvent event, ParticipantId recipient) {
        return event instanceof RoomEvent.Resumed r && r.restartMedia() && r.you().id().equals(recipient);
    }

    /** Denial, removal and the end of the session close the connections they concern. */
    private List<Runnable> closingsFor(RoomEvent event) {
        String reason = event instanceof RoomEvent.Denied ? "denied"
                : event instanceof RoomEvent.Removed ? "removed"
                : event instanceof RoomEvent.SessionEnded ? "session-ended"
                : null;
        if (reason == null) {
            return List.of();
        }
        List<Runnable> closings = new java.util.ArrayList<>();
        for (ParticipantId recipient : event.audience().recipients()) {
            Peer peer = peers.remove(recipient);
            if (peer != null) {
                removeBinding(peer);
                closings.add(() -> peer.close(reason));
            }
        }
        return closings;
    }

    private void bind(Peer peer, Binding binding) {
        bindings.put(peer.connectionId(), binding);
        peers.put(binding.participant(), peer);
    }

    private void unbind(Peer peer, ParticipantId participant) {
        negotiator.forget(peer);
        removeBinding(peer);
        peers.remove(participant, peer);
    }

    /** Every way a connection stops speaking for someone ends here, so a facilitator's hold is always released. */
    private Binding removeBinding(Peer peer) {
        Binding binding = bindings.remove(peer.connectionId());
        if (binding != null) {
            binding.staff().ifPresent(staff -> staff.session().release());
        }
        return binding;
    }

    private Staff staff(Peer peer, SignedInAccount signedIn) {
        SessionRegistry.Hold hold = sessions.hold(signedIn.session().id(), () -> sessionEnded(peer))
                .orElseThrow(() -> new ProtocolException("not-signed-in", "Please sign in as a facilitator."));
        return new Staff(signedIn.account().id(), hold);
    }

    private void requireUnbound(Peer peer) {
        if (bindings.containsKey(peer.connectionId())) {
            throw new ProtocolException("bad-state", "This connection has already joined a room.");
        }
    }

    private SignedInAccount facilitatorOf(Peer peer) {
        return requireFacilitator(staffSessions.signedInFromCookieHeader(peer.cookieHeader()));
    }

    private static SignedInAccount requireFacilitator(
            Optional<SignedInAccount> signedIn) {
        SignedInAccount found = signedIn
                .orElseThrow(() -> new ProtocolException("not-signed-in", "Please sign in as a facilitator."));
        if (found.account().role() != Role.FACILITATOR) {
            throw new ProtocolException("forbidden", "Only facilitators can enter rooms directly.");
        }
        return found;
    }

    /** Staff commands name the account that acts; a member's connection has none. */
    private static String requireStaffAccount(Binding binding) {
        return binding.accountId().orElseThrow(
                () -> new ProtocolException("forbidden", "Only a facilitator can do that."));
    }

    private static ParticipantId target(Inbound in) {
        return new ParticipantId(in.text("participantId", 64));
    }

    private static RecordingId recordingId(Inbound in) {
        return new RecordingId(in.text("recordingId", 64));
    }

    private static Map<String, Object> withId(Map<String, Object> message, String requestId) {
        if (requestId != null) {
            message.put("id", requestId);
        }
        return message;
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.ConsentEvent.RecordingStopped;
import dev.hearth.signaling.consent.ConsentEvent.RequestCancelled;
import dev.hearth.signaling.consent.RecordingConsent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.identity.RandomIds;
import dev.hearth.signaling.room.Audience.Scope;
import dev.hearth.signaling.room.RoomEvent.Admitted;
import dev.hearth.signaling.room.RoomEvent.AgreementAcknowledged;
import dev.hearth.signaling.room.RoomEvent.AgreementChanged;
import dev.hearth.signaling.room.RoomEvent.AgreementPendingChanged;
import dev.hearth.signaling.room.RoomEvent.AgreementRevised;
import dev.hearth.signaling.room.RoomEvent.HoldChanged;
import dev.hearth.signaling.room.RoomEvent.MediaHeld;
import dev.hearth.signaling.room.RoomEvent.ConsentAsked;
import dev.hearth.signaling.room.RoomEvent.ConsentLogged;
import dev.hearth.signaling.room.RoomEvent.Denied;
import dev.hearth.signaling.room.RoomEvent.KnockedIntoLobby;
import dev.hearth.signaling.room.RoomEvent.LobbyChanged;
import dev.hearth.signaling.room.RoomEvent.LockChanged;
import dev.hearth.signaling.room.RoomEvent.MuteChanged;
import dev.hearth.signaling.room.RoomEvent.ParticipantJoined;
import dev.hearth.signaling.room.RoomEvent.ParticipantLeft;
import dev.hearth.signaling.room.RoomEvent.ParticipantRenamed;
import dev.hearth.signaling.room.RoomEvent.PresenceChanged;
import dev.hearth.signaling.room.RoomEvent.RecordingChanged;
import dev.hearth.signaling.room.RoomEvent.Removed;
import dev.hearth.signaling.room.RoomEvent.Resumed;
import dev.hearth.signaling.room.RoomEvent.SessionEnded;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One therapy room and its current session: who is in, who waits in the lobby, lock, mutes, removals,
 * reconnection and recording consent.
 *
 * <p>Every command returns the {@link RoomEvent}s it caused, each addressed to exactly the people who may
 * learn it; refusals throw a {@link HearthException} with a stable code and change nothing. Members learn
 * about each other only through {@link ParticipantView}; people in the lobby learn nothing about anyone.
 *
 * <p>A session ends with {@link #end}; the facilitator entering again starts the next one (new lock, new
 * removals, nobody from the last session carried over).
 *
 * <p>{@link #snapshot()} and {@link #restore} carry it across a restart ({@link RoomSnapshot}).
 *
 * <p><b>One writer.</b> Not thread-safe on purpose: the application runs every call on one room in that room's
 * turn (one command at a time, on whichever thread the turn has), which keeps every command atomic without locks
 * in here. Nothing outside calls a room's methods from another thread or locks it; the few fields the API reads
 * from any thread are marked so below.
 */
public final class Room {

    /** How long an admitted participant whose connection dropped keeps their place. */
    public static final Duration RECONNECT_GRACE = Duration.ofSeconds(30);
    /** Longest room title. */
    public static final int MAX_TITLE_LENGTH = 80;
    /** How many may wait in the lobby at once unless the operator sets otherwise (HEARTH_LOBBY_CAPACITY). */
    public static final int DEFAULT_LOBBY_CAPACITY = 50;
    private static final int RESUME_TOKEN_BYTES = 32;
    private static final SecureRandom KEYS = new SecureRandom();

    private final RoomId id;
    private final String ownerAccountId;
    private String title;
    private final Clock clock;
    private final int lobbyCapacity;
    /**
     * Changed only by the room's own commands; volatile and copy-on-write so the API can read the agreement and
     * its history from any thread without taking the room's turn.
     */
    private volatile Agreement agreement;
    private final List<AgreementVersion> agreementHistory = new CopyOnWriteArrayList<>();
    /**
     * The owner first, then the co-facilitators in the order the owner added them. Copy-on-write because the
     * registry lists a staff member's rooms from any thread without taking each room's turn; it changes rarely.
     */
    private final Set<String> facilitatorAccounts = new CopyOnWriteArraySet<>();

    private final Map<ParticipantId, Participant> admitted = new LinkedHashMap<>();
    private final Map<ParticipantId, Waiter> lobby = new LinkedHashMap<>();
    private RemovalMemory removals = new RemovalMemory();
    /** The group across sessions: kept when a session ends, unlike the removals. */
    private final Roster roster;
    /** Resume tokens by their keyed hash ({@link #resumeKey}): the room never needs the token itself again. */
    private final Map<String, ParticipantId> resumeTokens = new HashMap<>();
    private final SecretKeySpec resumeKey;
    private RecordingConsent recording = new RecordingConsent();
    private boolean locked;
    private boolean ended;
    /** Names the current session for the attendance record; a new one for every session. */
    private String sessionId = newSessionId();
    private boolean archived;

    public Room(RoomId id, String ownerAccountId, String title, Agreement agreement, Clock clock) {
        this(id, ownerAccountId, title, agreement, clock, DEFAULT_LOBBY_CAPACITY);
    }

    /** {@code lobbyCapacity}: how many may wait at once; one more knock is refused with {@code lobby-full}. */
    public Room(RoomId id, String ownerAccountId, String title, Agreement agreement, Clock clock, int lobbyCapacity) {
        this.id = Objects.requireNonNull(id, "id");
        this.ownerAccountId = requireText(ownerAccountId, "ownerAccountId");
        this.title = validTitle(title);
        this.agreement = Objects.requireNonNull(agreement, "agreement");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lobbyCapacity < 1) {
            throw new IllegalArgumentException("lobbyCapacity must be at least 1");
        }
        this.lobbyCapacity = lobbyCapacity;
        this.agreementHistory.add(new AgreementVersion(agreement, clock.instant(), Optional.empty()));
        this.facilitatorAccounts.add(ownerAccountId);
        this.roster = new Roster();
        this.resumeKey = newHmacKey();
    }

    private Room(RoomSnapshot s, Clock clock, int lobbyCapacity) {
        this.id = s.id();
        this.ownerAccountId = requireText(s.ownerAccountId(), "ownerAccountId");
        this.title = validTitle(s.title());
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lobbyCapacity < 1) {
            throw new IllegalArgumentException("lobbyCapacity must be at least 1");
        }
        this.lobbyCapacity = lobbyCapacity;
        this.agreementHistory.addAll(s.agreementHistory());
        this.agreement = s.agreementHistory().get(s.agreementHistory().size() - 1).agreement();
        this.facilitatorAccounts.addAll(s.facilitatorAccounts());
        this.locked = s.locked();
        this.ended = s.ended();
        this.archived = s.archived();
        this.sessionId = requireText(s.sessionId(), "sessionId");
        this.removals = RemovalMemory.restore(s.removals());
        this.roster = Roster.restore(s.roster());
        this.resumeKey = hmacKey(Base64.getDecoder().decode(s.resumeKey()));
        this.recording = RecordingConsent.restore(s.recording());
        for (RoomSnapshot.Admitted line : s.admitted()) {
            Participant participant = Participant.restore(line);
            if (admitted.put(participant.id, participant) != null
                    || resumeTokens.put(participant.resumeTokenHash, participant.id) != null) {
                throw new IllegalArgumentException("a room admits each participant once, each with a token of their own");
            }
        }
        for (RoomSnapshot.Waiting line : s.lobby()) {
            Waiter waiter = Waiter.restore(line);
            if (lobby.put(waiter.id, waiter) != null || admitted.containsKey(waiter.id)) {
                throw new IllegalArgumentException("someone waits in the lobby once, and not while admitted");
            }
        }
    }

    /**
     * The room as {@link #snapshot()} saw it, with {@code clock} and {@code lobbyCapacity} of this process. Nothing
     * is announced and nobody is connected: a restart then calls {@link #afterRestart()}.
     *
     * @throws IllegalArgumentException when the snapshot cannot be a room (a damaged store), naming no value
     */
    public static Room restore(RoomSnapshot snapshot, Clock clock, int lobbyCapacity) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new Room(snapshot, clock, lobbyCapacity);
    }

    /** Everything that must outlive this process; read it in the room's turn. */
    public RoomSnapshot snapshot() {
        return new RoomSnapshot(id, ownerAccountId, title, List.copyOf(agreementHistory), List.copyOf(facilitatorAccounts),
                locked, ended, archived, sessionId,
                admitted.values().stream().map(Participant::snapshot).toList(),
                lobby.values().stream().map(Waiter::snapshot).toList(),
                removals.snapshot(), roster.snapshot(),
                Base64.getEncoder().encodeToString(resumeKey.getEncoded()), recording.snapshot());
    }

    /**
     * The server restarted and this room was restored: no connection of the last process survived. Everyone
     * admitted is away from now on and has {@link #RECONNECT_GRACE} to resume with their token, into a relay that
     * no longer has their transports (their {@link RoomEvent.Resumed} says to start media afresh); the lobby is
     * empty, since a waiting person has no token and knocks again; a recording stops, since the relay's did not
     * survive (the ledger says why), and asking again needs everyone's consent again.
     */
    public List<RoomEvent> afterRestart() {
        if (ended) {
            return List.of();
        }
        List<RoomEvent> events = new ArrayList<>();
        Instant now = clock.instant();
        for (Participant participant : admitted.values()) {
            participant.awaySince = now;
            participant.mediaLost = true;
        }
        if (!lobby.isEmpty()) {
            lobby.clear();
            events.add(lobbyChanged());
        }
        events.addAll(withConsentEffects(recording.state(), recording.interruptedByRestart()));
        return events;
    }

    // ---- entering ------------------------------------------------------------------------------------------

    /**
     * One of the room's facilitators (its owner or a co-facilitator) enters directly, bypassing lobby and lock.
     * Entering an ended room starts a new session.
     */
    public List<RoomEvent> enterAsFacilitator(String accountId, FirstName name) {
        Objects.requireNonNull(name, "name");
        if (!facilitatorAccounts.contains(accountId)) {
            throw new HearthException(ErrorCode.FORBIDDEN, "Only this room's facilitator can enter without knocking.");
        }
        requireNotArchived();
        if (ended) {
            startNextSession();
        }
        Participant facilitator = new Participant(ParticipantId.random(), Role.FACILITATOR, Optional.empty(), name);
        List<RoomEvent> events = admit(facilitator, Optional.empty());
        events.add(new LobbyChanged(Audience.to(facilitator.id), lobby()));
        return events;
    }

    /** A knock whose client address is unknown; see {@link #knock(String, FirstName, int, Optional, Optional)}. */
    public List<RoomEvent> knock(String seat, FirstName name, int acceptedAgreementVersion,
            Optional<Boolean> recordingConsent) {
        return knock(seat, name, acceptedAgreementVersion, recordingConsent, Optional.empty());
    }

    /**
     * Someone with an invite asks to come in. {@code seat} is the edge's opaque random id for their browser;
     * removal bans it. A second knock from a seat that is already waiting replaces the first. A knock from the
     * {@code clientAddress} of someone removed in this session is let into the lobby but marked
     * {@link LobbyEntry#removedEarlier()} for the facilitator. The address itself is not kept, only its keyed hash.
     */
    public List<RoomEvent> knock(String seat, FirstName name, int acceptedAgreementVersion,
            Optional<Boolean> recordingConsent, Optional<String> clientAddress) {
        return knock(seat, name, acceptedAgreementVersion, recordingConsent, clientAddress, Optional.empty());
    }

    /**
     * {@link #knock(String, FirstName, int, Optional, Optional)} with the id of the invite the knock came with,
     * which the roster keeps so that a member who leaves the group loses their own invites too.
     */
    public List<RoomEvent> knock(String seat, FirstName name, int acceptedAgreementVersion,
            Optional<Boolean> recordingConsent, Optional<String> clientAddress, Optional<String> inviteId) {
        Objects.requireNonNull(inviteId, "inviteId");
        requireText(seat, "seat");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordingConsent, "recordingConsent");
        Objects.requireNonNull(clientAddress, "clientAddress");
        requireNotArchived();
        requireOpen();
        if (locked) {
            throw new HearthException(ErrorCode.ROOM_LOCKED,
                    "The room is locked and nobody new can join right now. Please contact your facilitator.");
        }
        if (roster.departedSeat(seat)) {
            throw new HearthException(ErrorCode.LEFT_GROUP,
                    "Your facilitator has noted that you left this group, so this invite no longer works for you.");
        }
        RemovalMemory.Marks marks = removals.marksOf(seat, clientAddress);
        if (removals.removedSeat(marks)) {
            throw new HearthException(ErrorCode.REMOVED, "You were removed from this session.");
        }
        if (acceptedAgreementVersion != agreement.version()) {
            throw new HearthException(ErrorCode.AGREEMENT_REQUIRED,
                    "Please read and accept the group's current agreement first.");
        }
        boolean replacing = lobby.values().stream().anyMatch(w -> w.seat.equals(seat));
        if (!replacing && lobby.size() >= lobbyCapacity) {
            throw new HearthException(ErrorCode.LOBBY_FULL,
                    "The waiting room is full right now. Please try again in a few minutes.");
        }
        lobby.values().removeIf(w -> w.seat.equals(seat));
        Waiter waiter = new Waiter(ParticipantId.random(), seat, name, clock.instant(), marks,
                removals.removedAddress(marks), agreement.version(), inviteId);
        Optional<RecordingId> recordingId = recording.recordingId();
        recordingId.ifPresent(r -> recordingConsent.ifPresent(answer -> waiter.answer(r, answer)));
        lobby.put(waiter.id, waiter);

        List<RoomEvent> events = new ArrayList<>();
        events.add(new AgreementAcknowledged(Audience.ledger(), waiter.id, agreement));
        events.add(new KnockedIntoLobby(Audience.to(waiter.id), waiter.id, recording.state(), recordingId));
        if (recordingId.isPresent() && recordingConsent.isEmpty()) {
            events.add(new ConsentAsked(Audience.to(waiter.id), recordingId.get()));
        }
        events.add(lobbyChanged());
        return events;
    }

    /** A waiting person answers the recording question before being let in; it counts when they are admitted. */
    public List<RoomEvent> answerRecordingInLobby(ParticipantId waiterId, boolean consent) {
        requireOpen();
        Waiter waiter = lobby.get(waiterId);
        if (waiter == null) {
            throw admitted.containsKey(waiterId)
                    ? new HearthException(ErrorCode.BAD_STATE, "You are already in the room; answer there.")
                    : notFound();
        }
        RecordingId current = recording.recordingId().orElseThrow(
                () -> new HearthException(ErrorCode.BAD_STATE, "No recording is active."));
        waiter.answer(current, consent);
        return List.of();
    }

    public List<RoomEvent> cancelKnock(ParticipantId waiterId) {
        requireOpen();
        lobby.remove(requireWaiter(waiterId).id);
        return List.of(lobbyChanged());
    }

    // ---- facilitator decisions -----------------------------------------------------------------------------

    public List<RoomEvent> admit(ParticipantId actor, ParticipantId waiterId) {
        requireOpen();
        requireFacilitator(actor);
        Waiter waiter = requireWaiter(waiterId);
        lobby.remove(waiter.id);
        Participant member = new Participant(waiter.id, Role.MEMBER, Optional.of(waiter.marks), waiter.name);
        member.agreementPending = waiter.acceptedAgreementVersion != agreement.version();
        member.rosterId = roster.enlist(waiter.seat, waiter.name, clock.instant(), waiter.inviteId);
        List<RoomEvent> events = admit(member, waiter.answerFor(recording.recordingId()));
        events.add(lobbyChanged());
        return events;
    }

    public List<RoomEvent> deny(ParticipantId actor, ParticipantId waiterId) {
        requireOpen();
        requireFacilitator(actor);
        Waiter waiter = requireWaiter(waiterId);
        lobby.remove(waiter.id);
        return List.of(new Denied(Audience.to(waiter.id)), lobbyChanged());
    }

    /** A locked room refuses new knocks; people already waiting can still be let in. */
    public List<RoomEvent> lock(ParticipantId actor) {
        return setLocked(actor, true);
    }

    public List<RoomEvent> unlock(ParticipantId actor) {
        return setLocked(actor, false);
    }

    public List<RoomEvent> mute(ParticipantId actor, ParticipantId target) {
        return setMuted(actor, target, true);
    }

    public List<RoomEvent> unmute(ParticipantId actor, ParticipantId target) {
        return setMuted(actor, target, false);
    }

    /**
     * Removes a member (or someone waiting) and bans their seat until the session ends; later knocks from their
     * client address are marked for the facilitator. Facilitators cannot be removed.
     */
    public List<RoomEvent> remove(ParticipantId actor, ParticipantId target) {
        requireOpen();
        requireFacilitator(actor);
        return removeNow(target);
    }

    private void requireRemovable(ParticipantId target) {
        if (lobby.containsKey(target)) {
            return;
        }
        Participant member = admitted.get(target);
        if (member == null) {
            throw notFound();
        }
        if (member.role == Role.FACILITATOR) {
            throw new HearthException(ErrorCode.FORBIDDEN, "A facilitator cannot be removed.");
        }
    }

    private List<RoomEvent> setHeld(Participant member, boolean held) {
        if (member.heldByFacilitator == held) {
            return List.of();
        }
        boolean mediaBefore = isMediaHeld(member.id);
        member.heldByFacilitator = held;
        List<RoomEvent> events = new ArrayList<>();
        if (isMediaHeld(member.id) != mediaBefore) {
            events.add(new MediaHeld(Audience.ledger(), member.id, isMediaHeld(member.id)));
        }
        List<ParticipantId> told = new ArrayList<>(facilitatorAudience().recipients());
        told.add(member.id);
        events.add(new HoldChanged(Audience.of(Scope.ADMITTED, told), member.id, held));
        return events;
    }

    private List<RoomEvent> removeNow(ParticipantId target) {
        Waiter waiter = lobby.get(target);
        if (waiter != null) {
            lobby.remove(target);
            removals.remember(waiter.marks);
            return List.of(new Removed(Audience.to(target)), lobbyChanged());
        }
        Participant member = admitted.get(target);
        if (member == null) {
            throw notFound();
        }
        if (member.role == Role.FACILITATOR) {
            throw new HearthException(ErrorCode.FORBIDDEN, "A facilitator cannot be removed.");
        }
        member.marks.ifPresent(removals::remember);
        List<RoomEvent> events = new ArrayList<>();
        List<RoomEvent> afterwards = depart(member, events);
        events.add(new Removed(Audience.to(target)));
        events.add(new ParticipantLeft(admittedAudience(), target));
        events.addAll(afterwards);
        return events;
    }

    /** Facilitators only; members cannot rename anyone, themselves included, so a name cannot be changed to mislead. */
    public List<RoomEvent> rename(ParticipantId actor, ParticipantId target, FirstName newName) {
        Objects.requireNonNull(newName, "newName");
        requireOpen();
        requireFacilitator(actor);
        Participant participant = requireAdmittedTarget(target);
        if (participant.name.equals(newName)) {
            return List.of();
        }
        participant.name = newName;
        participant.ordinal = freeOrdinal(newName, participant.id);
        return List.of(new ParticipantRenamed(admittedAudience(), participant.view()));
    }

    // ---- leaving -------------------------------------------------------------------------------------------

    /** Leaving is always allowed and idempotent: from the room, from the lobby, or after the session ended. */
    public List<RoomEvent> leave(ParticipantId participantId) {
        if (ended) {
            return List.of();
        }
        if (lobby.remove(participantId) != null) {
            return List.of(lobbyChanged());
        }
        Participant participant = admitted.get(participantId);
        if (participant == null) {
            return List.of();
        }
        List<RoomEvent> events = new ArrayList<>();
        List<RoomEvent> afterwards = depart(participant, events);
        events.add(new ParticipantLeft(admittedAudience(), participantId));
        events.addAll(afterwards);
        return events;
    }

    /** Ends the session for everyone; a running recording stops first. */
    public List<RoomEvent> end(ParticipantId actor) {
        requireOpen();
        requireFacilitator(actor);
        List<RoomEvent> events = new ArrayList<>();
        for (ConsentEvent event : recording.end()) {
            events.add(new ConsentLogged(Audience.ledger(), event));
        }
        events.add(new SessionEnded(everyoneAudience()));
        admitted.clear();
        lobby.clear();
        resumeTokens.clear();
        // Forgotten with the session, as promised; the next session starts a memory of its own anyway.
        removals = new RemovalMemory();
        ended = true;
        return events;
    }

    // ---- reconnection --------------------------------------------------------------------------------------

    /**
     * The connection of {@code participantId} dropped. An admitted participant keeps their place for
     * {@link #RECONNECT_GRACE}; someone in the lobby simply stops waiting. Unknown ids are ignored.
     */
    public List<RoomEvent> disconnected(ParticipantId participantId) {
        if (ended) {
            return List.of();
        }
        if (lobby.remove(participantId) != null) {
            return List.of(lobbyChanged());
        }
        Participant participant = admitted.get(participantId);
        if (participant == null || participant.awaySince != null) {
            return List.of();
        }
        participant.awaySince = clock.instant();
        return List.of(new PresenceChanged(facilitatorAudience(), participantId, true));
    }

    /**
     * The secret that lets {@code participantId} come back without the lobby, as issued at admission or their last
     * resume in this process; a restored room knows only its hash.
     */
    public String resumeToken(ParticipantId participantId) {
        String token = requireAdmitted(participantId).resumeToken;
        if (token == null) {
            throw new IllegalStateException("only the hash of a token issued before a restart is kept");
        }
        return token;
    }

    /**
     * Takes a participant back within {@link #RECONNECT_GRACE} of their connection dropping (or replaces a
     * connection that has not been noticed as dropped yet). The token is rotated: the old one stops working.
     */
    public Resumption resume(String token) {
        requireOpen();
        ParticipantId participantId = token == null ? null : resumeTokens.get(tokenHash(token));
        Participant participant = participantId == null ? null : admitted.get(participantId);
        if (participant == null || graceOver(participant, clock.instant())) {
            throw new HearthException(ErrorCode.RESUME_EXPIRED,
                    "Your place in the room has expired. Please join again from the invite link.");
        }
        resumeTokens.remove(participant.resumeTokenHash);
        issueResumeToken(participant);
        boolean wasAway = participant.awaySince != null;
        participant.awaySince = null;
        boolean restartMedia = participant.mediaLost;
        participant.mediaLost = false;

        List<RoomEvent> events = new ArrayList<>();
        events.add(new Resumed(Audience.to(participantId), participant.view(), participants(), participant.resumeToken,
                locked, recording.state(), recording.recordingId(), agreement, participant.agreementPending,
                restartMedia));
        if (participant.role == Role.FACILITATOR) {
            events.add(new LobbyChanged(Audience.to(participantId), lobby()));
        }
        if (recording.awaiting().contains(participantId)) {
            events.add(new ConsentAsked(Audience.to(participantId), recording.recordingId().orElseThrow()));
        }
        if (wasAway) {
            events.add(new PresenceChanged(facilitatorAudience(), participantId, false));
        }
        return new Resumption(participantId, events);
    }

    /** Whether {@code token} is a live resume token of this room (the edge looks up the room by it). */
    public boolean holdsResumeToken(String token) {
        return token != null && resumeTokens.containsKey(tokenHash(token));
    }

    /**
     * The role of the admitted participant {@code token} would bring back, without resuming them: the edge checks
     * what that role needs (a facilitator's sign-in) before anything changes.
     */
    public Optional<Role> roleHoldingResumeToken(String token) {
        ParticipantId participantId = token == null ? null : resumeTokens.get(tokenHash(token));
        Participant participant = participantId == null ? null : admitted.get(participantId);
        return participant == null ? Optional.empty() : Optional.of(participant.role);
    }

    /** Called by the edge's timer: everyone whose grace period is over leaves, with the usual consent effects. */
    public List<RoomEvent> expire() {
        if (ended) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Participant> expired = admitted.values().stream().filter(p -> graceOver(p, now)).toList();
        List<RoomEvent> events = new ArrayList<>();
        for (Participant participant : expired) {
            List<RoomEvent> afterwards = depart(participant, events);
            events.add(new ParticipantLeft(admittedAudience(), participant.id));
            events.addAll(afterwards);
        }
        return events;
    }

    /** When {@link #expire()} next has something to do, for the edge's timer. */
    public Optional<Instant> nextExpiry() {
        return admitted.values().stream()
                .filter(p -> p.awaySince != null)
                .map(p -> p.awaySince.plus(RECONNECT_GRACE))
                .min(Instant::compareTo);
    }

    // ---- recording -----------------------------------------------------------------------------------------

    /** Asks everyone present, and everyone waiting, to consent to a recording. */
    public List<RoomEvent> requestRecording(ParticipantId actor) {
        requireOpen();
        requireFacilitator(actor);
        RecordingState before = recording.state();
        return withConsentEffects(before, recording.request(actor, Set.copyOf(admitted.keySet())));
    }

    public List<RoomEvent> consent(ParticipantId participantId, RecordingId recordingId) {
        requireOpen();
        requireAdmitted(participantId);
        RecordingState before = recording.state();
        return withConsentEffects(before, recording.consent(participantId, recordingId));
    }

    public List<RoomEvent> decline(ParticipantId participantId, RecordingId recordingId) {
        requireOpen();
        requireAdmitted(participantId);
        RecordingState before = recording.state();
        return withConsentEffects(before, recording.decline(participantId, recordingId));
    }

    public List<RoomEvent> withdrawConsent(ParticipantId participantId) {
        requireOpen();
        requireAdmitted(participantId);
        RecordingState before = recording.state();
        return withConsentEffects(before, recording.withdraw(participantId));
    }

    public List<RoomEvent> stopRecording(ParticipantId actor) {
        requireOpen();
        requireFacilitator(actor);
        RecordingState before = recording.state();
        return withConsentEffects(before, recording.stop(actor));
    }

    // ---- settings ------------------------------------------------------------------------------------------

    /** Replaces the agreement text with a new version; later knocks must accept the new one. */
    public Agreement setAgreement(String text) {
        agreement = agreement.revised(text);
        agreementHistory.add(new AgreementVersion(agreement, clock.instant(), Optional.empty()));
        return agreement;
    }

    /**
     * One of the room's facilitators puts new words in force, during a session or between sessions. Later knocks
     * must accept them, and every member admitted now is asked at once: their media is held (nothing of theirs
     * forwarded, nothing forwarded to them) until they accept the new version or leave. The same words again are
     * no new version.
     */
    public List<RoomEvent> reviseAgreement(String accountId, String text) {
        requireFacilitatorAccount(accountId);
        Agreement next = agreement.revised(text);
        if (next.text().equals(agreement.text())) {
            return List.of();
        }
        agreement = next;
        agreementHistory.add(new AgreementVersion(next, clock.instant(), Optional.of(accountId)));
        List<RoomEvent> events = new ArrayList<>();
        events.add(new AgreementRevised(Audience.ledger(), next, accountId));
        if (ended) {
            return events;
        }
        List<Participant> members = admitted.values().stream().filter(p -> p.role == Role.MEMBER).toList();
        for (Participant member : members) {
            member.agreementPending = true;
            events.add(new MediaHeld(Audience.ledger(), member.id, true));
        }
        events.add(new AgreementChanged(admittedAudience(), next));
        for (Participant member : members) {
            events.add(new AgreementPendingChanged(facilitatorAudience(), member.id, true));
        }
        return events;
    }

    /**
     * An admitted member accepts the agreement in force; {@code version} must be that one (it may have changed
     * again while they read). Accepting releases their media. Accepting what they already accepted changes nothing.
     */
    public List<RoomEvent> acknowledgeAgreement(ParticipantId participantId, int version) {
        requireOpen();
        Participant participant = requireAdmitted(participantId);
        if (version != agreement.version()) {
            throw new HearthException(ErrorCode.AGREEMENT_REQUIRED,
                    "The agreement has changed again. Please read the current version.");
        }
        if (!participant.agreementPending) {
            return List.of();
        }
        participant.agreementPending = false;
        List<RoomEvent> events = new ArrayList<>();
        events.add(new AgreementAcknowledged(Audience.ledger(), participantId, agreement));
        if (!participant.heldByFacilitator) {
            events.add(new MediaHeld(Audience.ledger(), participantId, false));
        }
        events.add(new AgreementPendingChanged(facilitatorAudience(), participantId, false));
        return events;
    }

    /**
     * A facilitator account's immediate response to a breach, all in this one turn: lock, remove, hold, stop the
     * recording. Refused as a whole (nothing changes) when a target is a facilitator or not in the room. After the
     * session has ended there is nothing left to do here, and that is no error: the report still stands.
     */
    public List<RoomEvent> respondToBreach(String accountId, BreachResponse response) {
        requireFacilitatorAccount(accountId);
        if (ended) {
            return List.of();
        }
        for (ParticipantId target : response.remove()) {
            requireRemovable(target);
        }
        for (ParticipantId target : response.hold()) {
            Participant member = requireAdmittedTarget(target);
            if (member.role == Role.FACILITATOR) {
                throw new HearthException(ErrorCode.FORBIDDEN, "A facilitator cannot be held.");
            }
        }
        List<RoomEvent> events = new ArrayList<>();
        if (response.stopRecording() && recording.state().isActive()) {
            RecordingState before = recording.state();
            events.addAll(withConsentEffects(before, recording.stopNow()));
        }
        if (response.lock() && !locked) {
            locked = true;
            events.add(new LockChanged(admittedAudience(), true));
        }
        for (ParticipantId target : response.remove()) {
            if (!response.hold().contains(target)) {
                events.addAll(removeNow(target));
            }
        }
        for (ParticipantId target : response.hold()) {
            events.addAll(setHeld(admitted.get(target), true));
        }
        return events;
    }

    /**
     * A facilitator account marks a member of the roster as having left the group: their seat is refused from now
     * on, in every session, and if they are in the session now they are removed (their resume token dies with it).
     */
    public List<RoomEvent> markLeftGroup(String accountId, String rosterId) {
        requireFacilitatorAccount(accountId);
        roster.markDeparted(rosterId).orElseThrow(
                () -> new HearthException(ErrorCode.NOT_FOUND, "There is no such member in this group's roster."));
        if (ended) {
            return List.of();
        }
        Optional<Participant> present = admitted.values().stream().filter(p -> rosterId.equals(p.rosterId)).findFirst();
        List<RoomEvent> events = new ArrayList<>();
        present.ifPresent(p -> events.addAll(removeNow(p.id)));
        // Someone waiting from that seat stops waiting too.
        List<ParticipantId> waiting = lobby.values().stream().filter(w -> roster.departedSeat(w.seat)).map(w -> w.id).toList();
        for (ParticipantId waiter : waiting) {
            events.addAll(removeNow(waiter));
        }
        return events;
    }

    /**
     * The invites only roster member {@code rosterId} came in with (nobody still in the group used them), for the
     * edge to withdraw when they leave the group; empty for an unknown member.
     */
    public Set<String> invitesOnlyOf(String rosterId) {
        return roster.invitesOnlyOf(rosterId);
    }

    /** The group's roster: first names and status only, in the order people first came in. */
    public List<RosterEntry> roster() {
        return roster.entries();
    }

    /** A facilitator lets a held member see and hear the group again (unless an agreement is still pending). */
    public List<RoomEvent> release(ParticipantId actor, ParticipantId target) {
        requireOpen();
        requireFacilitator(actor);
        return setHeld(requireAdmittedTarget(target), false);
    }

    /**
     * The owner shares the room with another facilitator account; returns whether it was new. Safe from any thread
     * (the set is copy-on-write), so the API need not take the room's turn.
     */
    public boolean addCoFacilitator(String byAccountId, String accountId) {
        requireOwner(byAccountId);
        requireText(accountId, "accountId");
        return facilitatorAccounts.add(accountId);
    }

    /**
     * The owner takes a co-facilitator off the room: they cannot enter it again (a connection of theirs already in
     * the session stays until it ends or they leave). The owner cannot be taken off.
     */
    public boolean removeCoFacilitator(String byAccountId, String accountId) {
        requireOwner(byAccountId);
        if (ownerAccountId.equals(accountId)) {
            throw new HearthException(ErrorCode.BAD_STATE, "The room's owner is always one of its facilitators.");
        }
        return facilitatorAccounts.remove(accountId);
    }

    /** A new title; members see it from their next visit. */
    public void retitle(String newTitle) {
        title = validTitle(newTitle);
    }

    /**
     * Archives the room (kept for its records, nobody can enter or knock) or brings it back. Only an empty room
     * changes: people in it or waiting would be left in a room that no longer works.
     */
    public void setArchived(boolean archive) {
        if (archive && !isEmpty()) {
            throw new HearthException(ErrorCode.ROOM_IN_USE, "End the session and let everyone leave first.");
        }
        archived = archive;
    }

    public boolean isArchived() {
        return archived;
    }

    /** Nobody admitted (present or away) and nobody waiting. */
    public boolean isEmpty() {
        return admitted.isEmpty() && lobby.isEmpty();
    }

    // ---- queries -------------------------------------------------------------------------------------------

    public RoomId id() {
        return id;
    }

    public String ownerAccountId() {
        return ownerAccountId;
    }

    public String title() {
        return title;
    }

    /** The current (or, once ended, the last) session's random id. */
    public String sessionId() {
        return sessionId;
    }

    public Agreement agreement() {
        return agreement;
    }

    /** Every version the room has had, oldest first; the last one is in force. */
    public List<AgreementVersion> agreementHistory() {
        return List.copyOf(agreementHistory);
    }

    /** The owner first, then the co-facilitators. */
    public List<String> facilitatorAccounts() {
        return List.copyOf(facilitatorAccounts);
    }

    public boolean isFacilitatorAccount(String accountId) {
        return facilitatorAccounts.contains(accountId);
    }

    /** An admitted member who has not accepted the agreement in force yet. */
    public boolean isAgreementPending(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        return participant != null && participant.agreementPending;
    }

    /** Whether the relay must hold this participant's media: their agreement is pending, or a facilitator holds them. */
    public boolean isMediaHeld(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        return participant != null && (participant.agreementPending || participant.heldByFacilitator);
    }

    /** Held by a facilitator (a breach response), whatever the agreement. */
    public boolean isHeldByFacilitator(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        return participant != null && participant.heldByFacilitator;
    }

    /** Admitted participants in the order they came in. */
    public List<ParticipantView> participants() {
        return admitted.values().stream().map(Participant::view).toList();
    }

    /** Who is waiting, in the order they knocked. For facilitators only. */
    public List<LobbyEntry> lobby() {
        return lobby.values().stream().map(Waiter::entry).toList();
    }

    public boolean isLocked() {
        return locked;
    }

    public boolean isEnded() {
        return ended;
    }

    public RecordingState recordingState() {
        return recording.state();
    }

    public Optional<RecordingId> recordingId() {
        return recording.recordingId();
    }

    /** @throws HearthException {@code not-admitted} for someone in the lobby, {@code not-found} otherwise */
    public Role role(ParticipantId participantId) {
        return requireAdmitted(participantId).role;
    }

    public boolean isMuted(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        return participant != null && participant.muted;
    }

    public boolean isAdmitted(ParticipantId participantId) {
        return admitted.containsKey(participantId);
    }

    public boolean isWaiting(ParticipantId participantId) {
        return lobby.containsKey(participantId);
    }

    /** Admitted, but their connection dropped and they have not come back yet. */
    public boolean isAway(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        return participant != null && participant.awaySince != null;
    }

    public boolean hasRecordingConsent(ParticipantId participantId) {
        return recording.hasConsent(participantId);
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private void requireNotArchived() {
        if (archived) {
            throw new HearthException(ErrorCode.ROOM_ARCHIVED, "This room is archived and no longer meets.");
        }
    }

    /**
     * Lets someone in. Consent is settled before they appear, so a running recording pauses before the
     * newcomer is announced (and before their media can arrive).
     */
    private List<RoomEvent> admit(Participant participant, Optional<Boolean> lobbyAnswer) {
        RecordingState before = recording.state();
        List<ConsentEvent> consentEvents = new ArrayList<>(recording.admitted(participant.id, lobbyAnswer.orElse(false)));
        if (lobbyAnswer.isPresent() && !lobbyAnswer.get()) {
            consentEvents.addAll(recording.decline(participant.id, recording.recordingId().orElseThrow()));
        }
        List<RoomEvent> events = new ArrayList<>();
        List<RoomEvent> asks = consentEffects(consentEvents, before, events);

        participant.ordinal = freeOrdinal(participant.name, participant.id);
        issueResumeToken(participant);
        admitted.put(participant.id, participant);
        if (participant.agreementPending) {
            // Held before they appear, so not one packet of theirs is forwarded before they accept.
            events.add(new MediaHeld(Audience.ledger(), participant.id, true));
        }
        events.add(new Admitted(Audience.to(participant.id), participant.view(), participants(), participant.resumeToken,
                locked, recording.state(), recording.recordingId(), agreement, participant.agreementPending));
        events.add(new ParticipantJoined(admittedAudienceExcept(participant.id), participant.view()));
        events.addAll(asks);
        if (participant.agreementPending) {
            events.add(new AgreementPendingChanged(facilitatorAudience(), participant.id, true));
        }
        return events;
    }

    /**
     * Takes {@code participant} out of the room, adding the consent effects (pause first) to {@code events};
     * returns the events that belong after the departure is announced.
     */
    private List<RoomEvent> depart(Participant participant, List<RoomEvent> events) {
        RecordingState before = recording.state();
        admitted.remove(participant.id);
        resumeTokens.remove(participant.resumeTokenHash);
        return consentEffects(recording.left(participant.id), before, events);
    }

    private List<RoomEvent> withConsentEffects(RecordingState before, List<ConsentEvent> consentEvents) {
        List<RoomEvent> events = new ArrayList<>();
        events.addAll(consentEffects(consentEvents, before, events));
        return events;
    }

    /**
     * Adds ledger entries and, if the state changed, one {@link RecordingChanged} to {@code events}. Returns the
     * consent questions, which the caller adds once the people asked know where they are.
     */
    private List<RoomEvent> consentEffects(List<ConsentEvent> consentEvents, RecordingState before,
            List<RoomEvent> events) {
        if (consentEvents.isEmpty()) {
            return List.of();
        }
        for (ConsentEvent event : consentEvents) {
            events.add(new ConsentLogged(Audience.ledger(), event));
        }
        RecordingState after = recording.state();
        boolean changed = consentEvents.stream().anyMatch(Room::changesState);
        if (changed) {
            Optional<ChangeReason> reason = after == RecordingState.OFF ? endReason(consentEvents) : Optional.empty();
            // People in the lobby hear only that a recording began or ended, nothing about who paused it.
            Audience audience = before.isActive() != after.isActive() ? everyoneAudience() : admittedAudience();
            events.add(new RecordingChanged(audience, after, recording.recordingId(), reason));
        }
        List<RoomEvent> asks = new ArrayList<>();
        Optional<RecordingId> current = recording.recordingId();
        if (current.isPresent()) {
            for (ParticipantId waiting : recording.awaiting()) {
                if (mentions(consentEvents, waiting)) {
                    asks.add(new ConsentAsked(Audience.to(waiting), current.get()));
                }
            }
            if (!before.isActive()) {
                for (Waiter waiter : lobby.values()) {
                    asks.add(new ConsentAsked(Audience.to(waiter.id), current.get()));
                }
            }
        }
        return asks;
    }

    private static boolean changesState(ConsentEvent event) {
        return event instanceof ConsentEvent.RecordingRequested || event instanceof ConsentEvent.RecordingStarted
                || event instanceof ConsentEvent.RecordingPaused || event instanceof ConsentEvent.RecordingResumed
                || event instanceof RecordingStopped || event instanceof RequestCancelled;
    }

    private static Optional<ChangeReason> endReason(List<ConsentEvent> consentEvents) {
        for (ConsentEvent event : consentEvents) {
            if (event instanceof RequestCancelled cancelled) {
                return Optional.of(cancelled.reason());
            }
            if (event instanceof RecordingStopped stopped) {
                return Optional.of(stopped.reason());
            }
        }
        return Optional.empty();
    }

    /** Whether the events ask {@code participant} (in the request itself or as a newcomer). */
    private static boolean mentions(List<ConsentEvent> consentEvents, ParticipantId participant) {
        for (ConsentEvent event : consentEvents) {
            if (event instanceof ConsentEvent.RecordingRequested requested && requested.asked().contains(participant)
                    || event instanceof ConsentEvent.ConsentRequested asked && asked.participant().equals(participant)) {
                return true;
            }
        }
        return false;
    }

    private List<RoomEvent> setLocked(ParticipantId actor, boolean lock) {
        requireOpen();
        requireFacilitator(actor);
        if (locked == lock) {
            return List.of();
        }
        locked = lock;
        return List.of(new LockChanged(admittedAudience(), lock));
    }

    private List<RoomEvent> setMuted(ParticipantId actor, ParticipantId target, boolean mute) {
        requireOpen();
        requireFacilitator(actor);
        Participant participant = requireAdmittedTarget(target);
        if (participant.muted == mute) {
            return List.of();
        }
        participant.muted = mute;
        return List.of(new MuteChanged(admittedAudience(), target, mute));
    }

    /** The smallest n such that nobody else present is "name (n)" (n = 1 being the plain name). */
    private int freeOrdinal(FirstName name, ParticipantId except) {
        Set<Integer> taken = new HashSet<>();
        for (Participant other : admitted.values()) {
            if (!other.id.equals(except) && other.name.sameAs(name)) {
                taken.add(other.ordinal);
            }
        }
        int ordinal = 1;
        while (taken.contains(ordinal)) {
            ordinal++;
        }
        return ordinal;
    }

    private void issueResumeToken(Participant participant) {
        participant.resumeToken = RandomIds.base64Url(RESUME_TOKEN_BYTES);
        participant.resumeTokenHash = tokenHash(participant.resumeToken);
        resumeTokens.put(participant.resumeTokenHash, participant.id);
    }

    private String tokenHash(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(resumeKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static SecretKeySpec newHmacKey() {
        byte[] secret = new byte[32];
        KEYS.nextBytes(secret);
        return hmacKey(secret);
    }

    private static SecretKeySpec hmacKey(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("a resume key has 32 bytes");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static boolean graceOver(Participant participant, Instant now) {
        return participant.awaySince != null && now.isAfter(participant.awaySince.plus(RECONNECT_GRACE));
    }

    private static String newSessionId() {
        return "s-" + RandomIds.base32(16);
    }

    private void startNextSession() {
        sessionId = newSessionId();
        ended = false;
        locked = false;
        removals = new RemovalMemory();
        recording = new RecordingConsent();
    }

    private LobbyChanged lobbyChanged() {
        return new LobbyChanged(facilitatorAudience(), lobby());
    }

    private Audience facilitatorAudience() {
        return Audience.of(Scope.FACILITATORS, admitted.values().stream()
                .filter(p -> p.role == Role.FACILITATOR).map(p -> p.id).toList());
    }

    private Audience admittedAudience() {
        return Audience.of(Scope.ADMITTED, admitted.keySet());
    }

    private Audience admittedAudienceExcept(ParticipantId participant) {
        return Audience.of(Scope.ADMITTED, admitted.keySet().stream().filter(p -> !p.equals(participant)).toList());
    }

    private Audience everyoneAudience() {
        List<ParticipantId> everyone = new ArrayList<>(admitted.keySet());
        everyone.addAll(lobby.keySet());
        return Audience.of(Scope.EVERYONE, everyone);
    }

    private void requireOpen() {
        if (ended) {
            throw new HearthException(ErrorCode.SESSION_ENDED, "This session has ended.");
        }
    }

    private Participant requireAdmitted(ParticipantId participantId) {
        Participant participant = admitted.get(participantId);
        if (participant != null) {
            return participant;
        }
        if (lobby.containsKey(participantId)) {
            throw new HearthException(ErrorCode.NOT_ADMITTED, "You are still waiting to be let in.");
        }
        throw notFound();
    }

    private Participant requireFacilitator(ParticipantId actor) {
        Participant participant = requireAdmitted(actor);
        if (participant.role != Role.FACILITATOR) {
            throw new HearthException(ErrorCode.FORBIDDEN, "Only a facilitator can do that.");
        }
        return participant;
    }

    private void requireFacilitatorAccount(String accountId) {
        if (accountId == null || !facilitatorAccounts.contains(accountId)) {
            throw new HearthException(ErrorCode.FORBIDDEN, "Only this room's facilitators can do that.");
        }
    }

    private void requireOwner(String accountId) {
        if (!ownerAccountId.equals(accountId)) {
            throw new HearthException(ErrorCode.FORBIDDEN, "Only the room's owner can choose its facilitators.");
        }
    }

    private Participant requireAdmittedTarget(ParticipantId target) {
        Participant participant = admitted.get(target);
        if (participant != null) {
            return participant;
        }
        if (lobby.containsKey(target)) {
            throw new HearthException(ErrorCode.NOT_ADMITTED, "That person is still waiting in the lobby.");
        }
        throw notFound();
    }

    private Waiter requireWaiter(ParticipantId waiterId) {
        Waiter waiter = lobby.get(waiterId);
        if (waiter == null) {
            throw new HearthException(ErrorCode.NOT_FOUND, "That person is not waiting in the lobby.");
        }
        return waiter;
    }

    private static HearthException notFound() {
        return new HearthException(ErrorCode.NOT_FOUND, "There is no such participant in this room.");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static String validTitle(String title) {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_TITLE_LENGTH
                || stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new HearthException(ErrorCode.INVALID_INPUT,
                    "A room needs a title of up to " + MAX_TITLE_LENGTH + " characters, on one line.");
        }
        return stripped;
    }
}

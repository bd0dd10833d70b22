package dev.hearth.signaling.roomstore;

import dev.hearth.signaling.audit.SealedBytes;
import dev.hearth.signaling.audit.StrictJson;
import dev.hearth.signaling.consent.RecordingConsent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.consent.RecordingState;
import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.AgreementVersion;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RoomSnapshot} as bytes and back, for any {@link dev.hearth.signaling.room.RoomStore} (a file per room
 * here, a value under the room id in Redis later). The bytes are one line of JSON, {@code {format, roomId, sealed}}:
 * only the room id is in clear; the state itself (first names, seats, the roster's and the removals' keys, the
 * agreement's words) is {@link SealedBytes} under the room-state subkey of the master key, with the purpose and room
 * id as associated data, so a room's state copied under another room's id does not open.
 *
 * <p>The sealed JSON has its own shape records rather than the domain's, so renaming a field of the domain cannot
 * silently make every kept room unreadable; a format change bumps {@link #FORMAT}.
 */
public final class RoomSnapshotCodec {

    /** The master key's subkey for room state, and the associated data's prefix. */
    public static final String PURPOSE = "hearth-room-state/1";
    static final int FORMAT = 1;

    private final byte[] key;

    /** Raised for bytes that are not a room this key sealed; the message never quotes the bytes. */
    public static final class UnreadableRoomState extends RuntimeException {
        UnreadableRoomState(String message) {
            super(message);
        }

        UnreadableRoomState(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code key}: the master key's subkey for {@link #PURPOSE} (32 bytes). */
    public RoomSnapshotCodec(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = key.clone();
    }

    record Envelope(int format, String roomId, String sealed) {
    }

    record RoomShape(String id, String owner, String title, List<AgreementShape> agreements, List<String> facilitators,
                     boolean locked, boolean ended, boolean archived, String sessionId, List<AdmittedShape> admitted,
                     List<WaitingShape> lobby, RemovalsShape removals, RosterShape roster, String resumeKey,
                     RecordingShape recording) {
    }

    record AgreementShape(int version, String text, String at, Optional<String> revisedBy) {
    }

    record MarksShape(String seat, Optional<String> address) {
    }

    record AdmittedShape(String id, String role, Optional<MarksShape> marks, String firstName, int ordinal,
                         boolean muted, String resumeTokenHash, boolean agreementPending, boolean held,
                         Optional<String> rosterId, Optional<String> awaySince) {
    }

    record WaitingShape(String id, String seat, String firstName, String since, MarksShape marks, boolean removedEarlier,
                        int acceptedAgreementVersion, Optional<String> inviteId, Optional<String> answeredFor,
                        boolean consented) {
    }

    record RemovalsShape(String key, List<String> seats, List<String> addresses) {
    }

    record RosterShape(String key, List<MemberShape> members) {
    }

    record MemberShape(String id, String seat, String firstName, String since, boolean departed, List<String> invites) {
    }

    record RecordingShape(String state, Optional<String> recordingId, Optional<String> requester, List<String> admitted,
                          List<String> consented, List<String> refused) {
    }

    public byte[] encode(RoomSnapshot snapshot) {
        byte[] plain = StrictJson.write(shape(snapshot)).getBytes(StandardCharsets.UTF_8);
        try {
            String sealed = SealedBytes.seal(key, associatedData(snapshot.id().value()), plain);
            return (StrictJson.write(new Envelope(FORMAT, snapshot.id().value(), sealed)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * @throws UnreadableRoomState when the bytes are not JSON of this format, do not open under this key for the room
     *         they name (changed, moved, another master key), or hold no valid room
     */
    public RoomSnapshot decode(byte[] bytes) {
        Envelope envelope;
        try {
            envelope = StrictJson.read(new String(bytes, StandardCharsets.UTF_8).strip(), Envelope.class, "room state");
        } catch (IllegalArgumentException e) {
            throw new UnreadableRoomState(e.getMessage());
        }
        if (envelope.format() != FORMAT) {
            throw new UnreadableRoomState("room state of format " + envelope.format() + ", expected " + FORMAT);
        }
        byte[] plain = SealedBytes.open(key, associatedData(envelope.roomId()), envelope.sealed())
                .orElseThrow(() -> new UnreadableRoomState(
                        "room state does not open: changed, moved from another room, or sealed under another master key"));
        try {
            RoomShape shape = StrictJson.readWithAbsentOptionals(new String(plain, StandardCharsets.UTF_8),
                    RoomShape.class, "room state");
            if (!shape.id().equals(envelope.roomId())) {
                throw new UnreadableRoomState("room state names another room inside than outside");
            }
            return snapshot(shape);
        } catch (IllegalArgumentException | HearthException | DateTimeException | NullPointerException e) {
            // Authenticated yet invalid: written by a broken build. Refused, never guessed at; the message names no value.
            throw new UnreadableRoomState("room state holds no valid room (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] associatedData(String roomId) {
        return (PURPOSE + "\0" + roomId).getBytes(StandardCharsets.UTF_8);
    }

    // ---- snapshot -> shape --------------------------------------------------------------------------------------

    private static RoomShape shape(RoomSnapshot s) {
        return new RoomShape(s.id().value(), s.ownerAccountId(), s.title(),
                s.agreementHistory().stream().map(v -> new AgreementShape(v.agreement().version(), v.agreement().text(),
                        v.at().toString(), v.revisedBy())).toList(),
                s.facilitatorAccounts(), s.locked(), s.ended(), s.archived(), s.sessionId(),
                s.admitted().stream().map(RoomSnapshotCodec::shape).toList(),
                s.lobby().stream().map(RoomSnapshotCodec::shape).toList(),
                new RemovalsShape(s.removals().key(), s.removals().seats(), s.removals().addresses()),
                new RosterShape(s.roster().key(), s.roster().members().stream().map(m -> new MemberShape(m.id(),
                        m.seatHash(), m.firstName().value(), m.since().toString(), m.departed(), m.invites())).toList()),
                s.resumeKey(), shape(s.recording()));
    }

    private static AdmittedShape shape(RoomSnapshot.Admitted a) {
        return new AdmittedShape(a.id().value(), a.role().name(), a.marks().map(RoomSnapshotCodec::shape),
                a.firstName().value(), a.ordinal(), a.muted(), a.resumeTokenHash(), a.agreementPending(),
                a.heldByFacilitator(), a.rosterId(), a.awaySince().map(Instant::toString));
    }

    private static WaitingShape shape(RoomSnapshot.Waiting w) {
        return new WaitingShape(w.id().value(), w.seat(), w.firstName().value(), w.since().toString(), shape(w.marks()),
                w.removedEarlier(), w.acceptedAgreementVersion(), w.inviteId(),
                w.recordingAnswer().map(a -> a.recordingId().value()),
                w.recordingAnswer().map(RoomSnapshot.RecordingAnswer::consented).orElse(false));
    }

    private static MarksShape shape(RoomSnapshot.Marks m) {
        return new MarksShape(m.seatHash(), m.addressHash());
    }

    private static RecordingShape shape(RecordingConsent.Snapshot r) {
        return new RecordingShape(r.state().name(), r.recordingId().map(RecordingId::value),
                r.requester().map(ParticipantId::value), ids(r.admitted()), ids(r.consented()), ids(r.refused()));
    }

    private static List<String> ids(List<ParticipantId> ids) {
        return ids.stream().map(ParticipantId::value).toList();
    }

    // ---- shape -> snapshot --------------------------------------------------------------------------------------

    private static RoomSnapshot snapshot(RoomShape s) {
        return new RoomSnapshot(new RoomId(s.id()), s.owner(), s.title(),
                s.agreements().stream().map(a -> new AgreementVersion(new Agreement(a.version(), a.text()),
                        Instant.parse(a.at()), a.revisedBy())).toList(),
                s.facilitators(), s.locked(), s.ended(), s.archived(), s.sessionId(),
                s.admitted().stream().map(RoomSnapshotCodec::admitted).toList(),
                s.lobby().stream().map(RoomSnapshotCodec::waiting).toList(),
                new RoomSnapshot.Removals(s.removals().key(), s.removals().seats(), s.removals().addresses()),
                new RoomSnapshot.RosterState(s.roster().key(), s.roster().members().stream().map(m ->
                        new RoomSnapshot.RosterMember(m.id(), m.seat(), new FirstName(m.firstName()),
                                Instant.parse(m.since()), m.departed(), m.invites())).toList()),
                s.resumeKey(), recording(s.recording()));
    }

    private static RoomSnapshot.Admitted admitted(AdmittedShape a) {
        return new RoomSnapshot.Admitted(new ParticipantId(a.id()), Role.valueOf(a.role()),
                a.marks().map(RoomSnapshotCodec::marks), new FirstName(a.firstName()), a.ordinal(), a.muted(),
                a.resumeTokenHash(), a.agreementPending(), a.held(), a.rosterId(), a.awaySince().map(Instant::parse));
    }

    private static RoomSnapshot.Waiting waiting(WaitingShape w) {
        return new RoomSnapshot.Waiting(new ParticipantId(w.id()), w.seat(), new FirstName(w.firstName()),
                Instant.parse(w.since()), marks(w.marks()), w.removedEarlier(), w.acceptedAgreementVersion(),
                w.inviteId(), w.answeredFor().map(r -> new RoomSnapshot.RecordingAnswer(new RecordingId(r), w.consented())));
    }

    private static RoomSnapshot.Marks marks(MarksShape m) {
        return new RoomSnapshot.Marks(m.seat(), m.address());
    }

    private static RecordingConsent.Snapshot recording(RecordingShape r) {
        return new RecordingConsent.Snapshot(RecordingState.valueOf(r.state()), r.recordingId().map(RecordingId::new),
                r.requester().map(ParticipantId::new), participants(r.admitted()), participants(r.consented()),
                participants(r.refused()));
    }

    private static List<ParticipantId> participants(List<String> ids) {
        return ids.stream().map(ParticipantId::new).toList();
    }
}

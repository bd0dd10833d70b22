package dev.hearth.signaling.care;

import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.audit.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who attended each session of each room, and when (issue 13 §7): pseudonymous participant id, role, join and
 * leave times in clear, the first name as the room showed it sealed under the attendance subkey of the master
 * key, bound to the room, session and participant. {@code <dataDir>/attendance.json}, 0600, rewritten atomically
 * on every change. Sessions are deleted by the retention purge once their end is older than the record retention.
 *
 * <p>Thread-safe: every method is synchronized (rooms write from their own turns, the API reads).
 */
public final class AttendanceRecord {

    public static final String FILE_NAME = "attendance.json";
    /** The master-key subkey purpose; also the associated-data prefix of every sealed name. */
    public static final String PURPOSE = "hearth-attendance-names/1";

    private final Path file;
    private final SealedText names;
    private final List<Session> sessions = new ArrayList<>();

    /** One person's presence in one session; {@code leftAt} empty while they are (or were last seen) inside. */
    public record Presence(String participantId, String role, String firstName, Instant joinedAt,
                           Optional<Instant> leftAt) {
    }

    public record SessionView(String roomId, String sessionId, Instant startedAt, Optional<Instant> endedAt,
                              List<Presence> people) {
    }

    private static final class Session {
        final String roomId;
        final String sessionId;
        final Instant startedAt;
        Instant endedAt;
        final List<Entry> entries = new ArrayList<>();

        Session(String roomId, String sessionId, Instant startedAt) {
            this.roomId = roomId;
            this.sessionId = sessionId;
            this.startedAt = startedAt;
        }
    }

    private static final class Entry {
        final String participantId;
        final String role;
        final String sealedName;
        final Instant joinedAt;
        Instant leftAt;

        Entry(String participantId, String role, String sealedName, Instant joinedAt) {
            this.participantId = participantId;
            this.role = role;
            this.sealedName = sealedName;
            this.joinedAt = joinedAt;
        }
    }

    /** The file's shape; times as ISO-8601 text, "" for a time not reached yet. */
    record FileShape(int version, List<SessionShape> sessions) {
    }

    record SessionShape(String roomId, String sessionId, String startedAt, String endedAt, List<EntryShape> entries) {
    }

    record EntryShape(String participantId, String role, String sealedName, String joinedAt, String leftAt) {
    }

    private AttendanceRecord(Path file, SealedText names) {
        this.file = file;
        this.names = names;
    }

    /** {@code key}: the master key's subkey for {@link #PURPOSE}. A file that cannot be read stops start-up. */
    public static AttendanceRecord open(Path dataDir, byte[] key) {
        AttendanceRecord record = new AttendanceRecord(dataDir.resolve(FILE_NAME), new SealedText(key, PURPOSE));
        record.load();
        return record;
    }

    public synchronized void joined(String roomId, String sessionId, String participantId, String role,
                                    String firstName, Instant at) {
        Session session = session(roomId, sessionId, at);
        String sealed = names.seal(recordId(roomId, sessionId, participantId), firstName);
        session.entries.add(new Entry(participantId, role, sealed, at));
        save();
    }

    public synchronized void left(String roomId, String sessionId, String participantId, Instant at) {
        find(roomId, sessionId).ifPresent(session -> {
            for (Entry entry : session.entries) {
                if (entry.participantId.equals(participantId) && entry.leftAt == null) {
                    entry.leftAt = at;
                }
            }
            save();
        });
    }

    /** The session is over: everyone still inside left at its end. */
    public synchronized void ended(String roomId, String sessionId, Instant at) {
        find(roomId, sessionId).ifPresent(session -> {
            session.endedAt = at;
            session.entries.stream().filter(e -> e.leftAt == null).forEach(e -> e.leftAt = at);
            save();
        });
    }

    /** The room's sessions, oldest first, with names opened (a name that no longer opens reads "(unreadable)"). */
    public synchronized List<SessionView> sessionsOf(String roomId) {
        return sessions.stream().filter(s -> s.roomId.equals(roomId)).map(s -> new SessionView(s.roomId, s.sessionId,
                s.startedAt, Optional.ofNullable(s.endedAt), s.entries.stream().map(e -> new Presence(e.participantId,
                        e.role, names.open(recordId(s.roomId, s.sessionId, e.participantId), e.sealedName)
                                .orElse("(unreadable)"), e.joinedAt, Optional.ofNullable(e.leftAt))).toList()))
                .toList();
    }

    /**
     * Deletes every session that ended (or, never ended, last saw anyone) before {@code cutoff}; returns how many.
     */
    public synchronized int purgeBefore(Instant cutoff) {
        int before = sessions.size();
        sessions.removeIf(s -> lastActivity(s).isBefore(cutoff));
        int removed = before - sessions.size();
        if (removed > 0) {
            save();
        }
        return removed;
    }

    private static Instant lastActivity(Session session) {
        Instant last = session.endedAt != null ? session.endedAt : session.startedAt;
        for (Entry entry : session.entries) {
            Instant seen = entry.leftAt != null ? entry.leftAt : entry.joinedAt;
            if (seen.isAfter(last)) {
                last = seen;
            }
        }
        return last;
    }

    private Session session(String roomId, String sessionId, Instant at) {
        return find(roomId, sessionId).orElseGet(() -> {
            Session session = new Session(roomId, sessionId, at);
            sessions.add(session);
            return session;
        });
    }

    private Optional<Session> find(String roomId, String sessionId) {
        return sessions.stream().filter(s -> s.roomId.equals(roomId) && s.sessionId.equals(sessionId)).findFirst();
    }

    private static String recordId(String roomId, String sessionId, String participantId) {
        return roomId + "\0" + sessionId + "\0" + participantId;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        FileShape shape;
        try {
            shape = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8), FileShape.class, "an attendance record");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (SessionShape s : shape.sessions()) {
            Session session = new Session(s.roomId(), s.sessionId(), Instant.parse(s.startedAt()));
            session.endedAt = time(s.endedAt());
            for (EntryShape e : s.entries()) {
                Entry entry = new Entry(e.participantId(), e.role(), e.sealedName(), Instant.parse(e.joinedAt()));
                entry.leftAt = time(e.leftAt());
                session.entries.add(entry);
            }
            sessions.add(session);
        }
    }

    private void save() {
        List<SessionShape> shapes = sessions.stream().map(s -> new SessionShape(s.roomId, s.sessionId,
                s.startedAt.toString(), text(s.endedAt), s.entries.stream().map(e -> new EntryShape(e.participantId,
                        e.role, e.sealedName, e.joinedAt.toString(), text(e.leftAt))).toList())).toList();
        try {
            PrivateFiles.writeAtomically(file,
                    StrictJson.write(new FileShape(1, shapes)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the attendance record", e);
        }
    }

    private static Instant time(String text) {
        return text.isEmpty() ? null : Instant.parse(text);
    }

    private static String text(Instant time) {
        return time == null ? "" : time.toString();
    }

    @Override
    public String toString() {
        return "AttendanceRecord[" + Objects.requireNonNull(file.getFileName()) + "]";
    }
}

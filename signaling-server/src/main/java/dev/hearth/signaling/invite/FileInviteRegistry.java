package dev.hearth.signaling.invite;

import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.audit.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded {@link InviteRegistry}: in memory and in {@code <dataDir>/invites.json} (owner-only, replaced
 * atomically on every change), so a revoked link stays dead across restarts. Entries of expired invites are
 * dropped at the next change: an expired token is refused by its signed expiry anyway. A file that cannot be read
 * stops start-up, because guessing would bring revoked links back.
 */
public final class FileInviteRegistry implements InviteRegistry {

    public static final String FILE_NAME = "invites.json";
    /** Per room; more would only be a list nobody can read. The oldest live ones make room. */
    public static final int MAX_INVITES_PER_ROOM = 100;
    private static final int FORMAT_VERSION = 1;

    private final Optional<Path> file;
    private final Clock clock;
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, IssuedInvite> invites = new LinkedHashMap<>();
    /** Revoked invite id to the token's expiry, after which the entry is no longer needed. */
    private final Map<String, Instant> revoked = new HashMap<>();

    private FileInviteRegistry(Optional<Path> file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public static FileInviteRegistry open(Path dataDir, Clock clock) {
        FileInviteRegistry registry = new FileInviteRegistry(Optional.of(dataDir.resolve(FILE_NAME)), clock);
        registry.load();
        return registry;
    }

    /** Kept in memory only: for tests and for tokens made without a data directory. */
    public static FileInviteRegistry inMemory(Clock clock) {
        return new FileInviteRegistry(Optional.empty(), clock);
    }

    @Override
    public synchronized long generation(String roomId) {
        return generations.getOrDefault(roomId, 0L);
    }

    @Override
    public synchronized long rotate(String roomId) {
        long next = generation(roomId) + 1;
        generations.put(roomId, next);
        // Older generations fail on the generation alone; their entries would only fill the list.
        invites.values().removeIf(invite -> invite.roomId().equals(roomId));
        save();
        return next;
    }

    @Override
    public synchronized void recordIssued(IssuedInvite invite) {
        List<IssuedInvite> own = invites.values().stream()
                .filter(i -> i.roomId().equals(invite.roomId()))
                .toList();
        for (int i = 0; i <= own.size() - MAX_INVITES_PER_ROOM; i++) {
            // Making room must not bring anything back: the dropped invite is revoked, not forgotten.
            IssuedInvite dropped = own.get(i);
            invites.remove(dropped.inviteId());
            revoked.put(dropped.inviteId(), dropped.expiresAt());
        }
        invites.put(invite.inviteId(), invite);
        save();
    }

    @Override
    public synchronized List<IssuedInvite> issuedFor(String roomId, Instant now) {
        long current = generation(roomId);
        // Insertion order is issue order, also for invites made in the same second.
        List<IssuedInvite> own = new ArrayList<>(invites.values().stream()
                .filter(i -> i.roomId().equals(roomId) && i.generation() == current && now.isBefore(i.expiresAt()))
                .toList());
        java.util.Collections.reverse(own);
        return own;
    }

    @Override
    public synchronized boolean revoke(String roomId, String inviteId, Instant at) {
        IssuedInvite invite = invites.get(inviteId);
        if (invite == null || !invite.roomId().equals(roomId)) {
            return false;
        }
        invites.put(inviteId, invite.revoked(at));
        revoked.put(inviteId, invite.expiresAt());
        save();
        return true;
    }

    @Override
    public synchronized boolean isRevoked(String inviteId) {
        return revoked.containsKey(inviteId);
    }

    @Override
    public synchronized void forgetRoom(String roomId) {
        generations.remove(roomId);
        invites.values().removeIf(invite -> invite.roomId().equals(roomId));
        save();
    }

    /** The file as written. */
    record Document(long version, List<GenerationLine> rooms, List<InviteLine> invites, List<RevokedLine> revoked) {
    }

    record GenerationLine(String roomId, long generation) {
    }

    /** {@code revokedAt} is "" while the invite works. */
    record InviteLine(String id, String roomId, long generation, String token, String createdAt, String expiresAt,
                      String revokedAt) {
    }

    record RevokedLine(String id, String expiresAt) {
    }

    private void load() {
        Path path = file.orElseThrow();
        if (!Files.exists(path)) {
            return;
        }
        try {
            Document document = StrictJson.read(Files.readString(path, StandardCharsets.UTF_8).strip(),
                    Document.class, "an invites file");
            if (document.version() != FORMAT_VERSION) {
                throw new IllegalStateException(path + " is not an invites file of version " + FORMAT_VERSION);
            }
            document.rooms().forEach(line -> generations.put(line.roomId(), line.generation()));
            for (InviteLine line : document.invites()) {
                invites.put(line.id(), new IssuedInvite(line.id(), line.roomId(), line.generation(), line.token(),
                        Instant.parse(line.createdAt()), Instant.parse(line.expiresAt()),
                        line.revokedAt().isEmpty() ? Optional.empty() : Optional.of(Instant.parse(line.revokedAt()))));
            }
            document.revoked().forEach(line -> revoked.put(line.id(), Instant.parse(line.expiresAt())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalStateException(path + " is damaged (" + e.getMessage()
                    + "); restore it from a backup: without it revoked invite links would work again", e);
        }
    }

    private void save() {
        Instant now = clock.instant();
        invites.values().removeIf(invite -> !now.isBefore(invite.expiresAt()));
        revoked.values().removeIf(expiry -> !now.isBefore(expiry));
        if (file.isEmpty()) {
            return;
        }
        List<GenerationLine> rooms = new ArrayList<>();
        generations.forEach((room, generation) -> rooms.add(new GenerationLine(room, generation)));
        rooms.sort(Comparator.comparing(GenerationLine::roomId));
        List<InviteLine> lines = new ArrayList<>();
        for (IssuedInvite invite : invites.values()) {
            lines.add(new InviteLine(invite.inviteId(), invite.roomId(), invite.generation(), invite.token(),
                    invite.createdAt().toString(), invite.expiresAt().toString(),
                    invite.revokedAt().map(Instant::toString).orElse("")));
        }
        List<RevokedLine> revokedLines = new ArrayList<>();
        revoked.forEach((id, expiry) -> revokedLines.add(new RevokedLine(id, expiry.toString())));
        revokedLines.sort(Comparator.comparing(RevokedLine::id));
        try {
            PrivateFiles.writeAtomically(file.get(), (StrictJson.write(
                    new Document(FORMAT_VERSION, rooms, lines, revokedLines)) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file.get(), e);
        }
    }
}

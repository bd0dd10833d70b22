package dev.hearth.signaling.roomstore;

import dev.hearth.signaling.audit.PrivateFiles;
import dev.hearth.signaling.room.RoomId;
import dev.hearth.signaling.room.RoomSnapshot;
import dev.hearth.signaling.room.RoomStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link RoomStore}: one file per room, {@code <dataDir>/rooms/<roomId>.json}, replaced atomically
 * (temporary file, fsync, rename; owner-only, {@link PrivateFiles}) on every change, its content sealed by
 * {@link RoomSnapshotCodec}. A file that cannot be read at start-up (damaged, another master key, a broken build's)
 * is moved into {@code rooms/unreadable/} and logged by file name only, and the server starts with the other rooms:
 * the file is kept for whoever investigates, and with the master key it was sealed under it may still open.
 */
public final class FileRoomStore implements RoomStore {

    public static final String DIRECTORY = "rooms";
    static final String UNREADABLE = "unreadable";
    private static final String SUFFIX = ".json";
    private static final Pattern ROOM_FILE = Pattern.compile("r-[a-z2-7]{16}\\.json");
    private static final Logger log = LoggerFactory.getLogger(FileRoomStore.class);

    private final Path dir;
    private final RoomSnapshotCodec codec;
    private final Clock clock;

    public FileRoomStore(Path dataDir, RoomSnapshotCodec codec, Clock clock) {
        this.dir = dataDir.resolve(DIRECTORY);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(RoomSnapshot snapshot) {
        try {
            PrivateFiles.writeAtomically(fileOf(snapshot.id()), codec.encode(snapshot));
        } catch (IOException | RuntimeException e) {
            log.error("event=room_save_failed room={} error={}", snapshot.id(), e.getClass().getSimpleName());
        }
    }

    @Override
    public void delete(RoomId id) {
        try {
            Files.deleteIfExists(fileOf(id));
        } catch (IOException e) {
            log.error("event=room_delete_failed room={} error={}", id, e.getClass().getSimpleName());
        }
    }

    @Override
    public List<RoomSnapshot> loadAll() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RoomSnapshot> rooms = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                load(file, rooms);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return rooms;
    }

    private void load(Path file, List<RoomSnapshot> rooms) {
        String name = file.getFileName().toString();
        try {
            if (!ROOM_FILE.matcher(name).matches()) {
                throw new RoomSnapshotCodec.UnreadableRoomState("not a room file's name");
            }
            RoomSnapshot snapshot = codec.decode(Files.readAllBytes(file));
            if (!name.equals(snapshot.id().value() + SUFFIX)) {
                throw new RoomSnapshotCodec.UnreadableRoomState("holds another room than its name says");
            }
            rooms.add(snapshot);
        } catch (IOException | RuntimeException e) {
            setAside(file, name, e);
        }
    }

    private void setAside(Path file, String name, Exception why) {
        Path aside = dir.resolve(UNREADABLE).resolve(name + "." + clock.millis());
        try {
            PrivateFiles.ensureDirectory(aside.getParent());
            Files.move(file, aside);
            // The message of our own exceptions names no value; others are named by class only.
            log.warn("event=room_unreadable file={} moved_to={} reason=\"{}\"", name, dir.relativize(aside),
                    why instanceof RoomSnapshotCodec.UnreadableRoomState ? why.getMessage() : why.getClass().getSimpleName());
        } catch (IOException e) {
            log.error("event=room_unreadable file={} moved_to=none error={}", name, e.getClass().getSimpleName());
        }
    }

    private Path fileOf(RoomId id) {
        return dir.resolve(id.value() + SUFFIX);
    }
}

package dev.hearth.signaling.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rooms are serialised by their turns, never by their monitors: a {@code synchronized (room)} anywhere would be a
 * second, invisible writer rule (and a lock held across relay round-trips). ArchUnit cannot see monitors in the
 * bytecode, so this reads the main sources.
 */
class NoRoomIsLockedTest {

    private static final Path MAIN = Path.of("src/main/java/dev/hearth/signaling");
    /** Any monitor whose expression names a room (room, candidate room, r.room(), binding.room() ...). */
    private static final Pattern ROOM_MONITOR =
            Pattern.compile("synchronized\\s*\\([^)]*\\b(room|candidate|Room)\\b[^)]*\\)");

    @Test
    void noMainSourceLocksARoom() {
        assertThat(Files.isDirectory(MAIN)).as("run from the module directory").isTrue();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(NoRoomIsLockedTest::roomMonitors)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void thePatternFindsTheShapesItIsMeantFor() {
        assertThat(ROOM_MONITOR.matcher("        synchronized (room) {").find()).isTrue();
        assertThat(ROOM_MONITOR.matcher("synchronized(binding.room()) {").find()).isTrue();
        assertThat(ROOM_MONITOR.matcher("                    synchronized (candidate) {").find()).isTrue();
        assertThat(ROOM_MONITOR.matcher("    public synchronized void knock(String clientAddress) {").find()).isFalse();
        assertThat(ROOM_MONITOR.matcher("synchronized (this) {").find()).isFalse();
    }

    private static Stream<String> roomMonitors(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> ROOM_MONITOR.matcher(lines.get(i)).find())
                    .mapToObj(i -> MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

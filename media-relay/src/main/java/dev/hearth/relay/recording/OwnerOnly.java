package dev.hearth.relay.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Permissions for what the relay writes: files 0600, directories 0700, given as creation attributes so that no
 * other local user can open a file in the moment between its creation and a later chmod. Only the umask can
 * narrow them further, never widen them.
 */
final class OwnerOnly {
    private static final FileAttribute<?> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnly() {
    }

    /** Attributes for a new file in {@code directory}; none on a file system without POSIX permissions. */
    static FileAttribute<?>[] file(Path directory) {
        return posix(directory) ? new FileAttribute<?>[] {FILE} : new FileAttribute<?>[0];
    }

    /** Creates {@code directory} and any missing parent owner-only; an existing directory is left as it is. */
    static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix(directory)) {
            Files.createDirectories(directory, DIRECTORY);
        } else {
            Files.createDirectories(directory);
        }
    }

    private static boolean posix(Path anyPath) {
        return anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

package dev.hearth.signaling.invite;

import dev.hearth.signaling.audit.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The invite HMAC key, {@code <dataDir>/invite.key}: 32 random bytes made on first start and kept,
 * so links already shared stay valid across restarts. Deleting the file revokes every invite.
 */
public final class InviteKeyFile {

    public static final String FILE_NAME = "invite.key";
    private static final int KEY_BYTES = 32;

    private InviteKeyFile() {
    }

    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    PrivateFiles.createNew(file, key);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it between our check and create; use theirs.
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(file + " must hold exactly " + KEY_BYTES
                        + " bytes; delete it to make a new key (this revokes all invite links)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the invite key " + file, e);
        }
    }
}

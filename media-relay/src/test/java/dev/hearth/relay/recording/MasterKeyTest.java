package dev.hearth.relay.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutTheVariableAKeyFileIsGeneratedOwnerOnlyAndReusedOnNextStart() throws Exception {
        MasterKey first = MasterKey.load(Optional.empty(), dataDir);
        Path file = dataDir.resolve("master.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        MasterKey second = MasterKey.load(Optional.empty(), dataDir);
        assertEquals(first.keyId(), second.keyId());
        byte[] wrapped = first.wrap(new byte[] {1, 2, 3}, new byte[] {9});
        assertArrayEquals(new byte[] {1, 2, 3}, second.unwrap(wrapped, new byte[] {9}).orElseThrow());
    }

    @Test
    void theVariableWinsOverTheFileAndNoFileIsWritten() {
        byte[] raw = new byte[32];
        raw[0] = 42;
        MasterKey key = MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(raw)), dataDir);
        assertEquals(MasterKey.of(raw).keyId(), key.keyId());
        assertFalse(Files.exists(dataDir.resolve("master.key")));
    }

    @Test
    void aVariableThatIsNotBase64OfThirtyTwoBytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MasterKey.load(Optional.of("not base64!"), dataDir));
        assertThrows(IllegalArgumentException.class,
                () -> MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dataDir));
    }

    @Test
    void unwrapFailsForOtherAssociatedDataOtherKeysAndChangedBytes() {
        MasterKey key = Recordings.key(1);
        byte[] wrapped = key.wrap(new byte[] {1, 2, 3}, new byte[] {9});
        assertTrue(key.unwrap(wrapped, new byte[] {8}).isEmpty());
        assertTrue(Recordings.key(2).unwrap(wrapped, new byte[] {9}).isEmpty());
        wrapped[wrapped.length - 1] ^= 1;
        assertTrue(key.unwrap(wrapped, new byte[] {9}).isEmpty());
        assertNotEquals(Recordings.key(1).keyId(), Recordings.key(2).keyId());
        assertEquals("MasterKey[id=" + key.keyId() + "]", key.toString(), "toString shows the id only");
    }
}

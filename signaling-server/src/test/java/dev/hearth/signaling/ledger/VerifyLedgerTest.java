package dev.hearth.signaling.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.ParticipantId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline tool: exit 0 with "OK" for a valid export, 1 with the reason otherwise. */
class VerifyLedgerTest {

    @TempDir
    Path dir;

    private Path exported;
    private ConsentLedger ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void export() throws IOException {
        ledger = ConsentLedger.open(dir, LedgerSigningKey.loadOrCreate(dir), new MutableClock());
        RecordingId id = RecordingId.random();
        ParticipantId sam = ParticipantId.random();
        ledger.record(new ConsentEvent.ConsentGiven(id, sam), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        exported = dir.resolve("ledger.json");
        Files.writeString(exported, ledger.export(id).toJsonText());
    }

    private int run(String... args) {
        return VerifyLedger.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aValidExportVerifiesOfflineAgainstThePublicKeyFile() {
        assertEquals(0, run(exported.toString(), dir.resolve(LedgerSigningKey.PUBLIC_FILE).toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("OK "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theKeyMayBeGivenAsBase64Text() {
        assertEquals(0, run(exported.toString(), LedgerSigningKey.loadOrCreate(dir).publicKeyBase64()));
    }

    @Test
    void withoutAKeyItVerifiesAndSaysWhoseKeyWasUsed() {
        assertEquals(0, run(exported.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("key inside the file"));
    }

    @Test
    void aChangedExportExitsOneAndSaysWhere() throws IOException {
        Files.writeString(exported, Files.readString(exported).replace("recording-stopped", "recording-resumed"));
        assertEquals(1, run(exported.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FAILED"), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("entry 3"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anotherServersKeyExitsOne() {
        assertEquals(1, run(exported.toString(), LedgerSigningKey.generate().publicKeyBase64()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("WRONG_KEY"));
    }

    @Test
    void notAnExportOrAMissingFileOrNoArgumentsExitOne() throws IOException {
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"hello\":1}");
        assertEquals(1, run(garbage.toString()));
        assertEquals(1, run(dir.resolve("missing.json").toString()));
        assertEquals(1, run());
        assertEquals(1, run(exported.toString(), "not-a-key"));
    }
}

package dev.hearth.signaling.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.room.Agreement;
import dev.hearth.signaling.room.RoomId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 §3: agreement acknowledgements in a signed chain of their own per room, verifiable offline. */
class AgreementLedgerTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock();

    private ConsentLedger open() {
        return ConsentLedger.open(dataDir, LedgerSigningKey.loadOrCreate(dataDir), clock);
    }

    @Test
    void acknowledgementsAndRevisionsAreSignedChainedEntriesOfTheRoom() {
        ConsentLedger ledger = open();
        RoomId room = RoomId.random();
        ParticipantId sam = ParticipantId.random();
        Agreement first = new Agreement(1, "Be kind.");
        Agreement second = first.revised("Be kind. Keep it here.");
        ledger.agreementAcknowledged(room, sam, first);
        ledger.agreementRevised(room, second);
        ledger.agreementAcknowledged(room, sam, second);

        List<LedgerEntry> entries = ledger.agreementEntries(room);
        assertEquals(List.of("agreement-acknowledged", "agreement-revised", "agreement-acknowledged"),
                entries.stream().map(LedgerEntry::type).toList());
        LedgerEntry ack = entries.get(2);
        assertEquals(sam.value(), ack.participant());
        assertEquals("2", ack.details().get("agreementVersion"));
        assertEquals(second.hash(), ack.details().get("agreementHash"));
        assertEquals(room.value(), ack.details().get("room"));
        assertEquals("", entries.get(1).participant());
        assertTrue(ledger.verifyAgreements(room).ok());
        assertFalse(ledger.recordingIds().stream().anyMatch(id -> id.value().contains(room.value())),
                "an agreement ledger is not a recording's ledger");
    }

    @Test
    void aRoomWithoutAcknowledgementsHasAnEmptyLedger() {
        assertEquals(List.of(), open().agreementEntries(RoomId.random()));
    }

    @Test
    void theExportVerifiesOfflineAndAChangedEntryFails() throws Exception {
        ConsentLedger ledger = open();
        RoomId room = RoomId.random();
        ledger.agreementAcknowledged(room, ParticipantId.random(), new Agreement(1, "Be kind."));
        LedgerExport export = ledger.exportAgreements(room);
        assertEquals(ConsentLedger.agreementLedgerId(room), export.recordingId());
        assertTrue(LedgerVerifier.verify(export, Optional.of(ledger.publicKey())).ok());

        Path file = dataDir.resolve("export.json");
        Files.writeString(file, export.toJsonText());
        assertEquals(0, VerifyLedger.run(new String[] {file.toString()}, quiet(), quiet()));
        Files.writeString(file, export.toJsonText().replace("\"agreementVersion\":\"1\"", "\"agreementVersion\":\"2\""));
        assertEquals(1, VerifyLedger.run(new String[] {file.toString()}, quiet(), quiet()));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}

package dev.hearth.signaling.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.consent.ChangeReason;
import dev.hearth.signaling.consent.ConsentEvent;
import dev.hearth.signaling.consent.RecordingId;
import dev.hearth.signaling.identity.ParticipantId;
import dev.hearth.signaling.ledger.LedgerVerification.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing, removing or reordering any one entry of an export fails verification. */
class LedgerVerifierTest {

    @TempDir
    Path dataDir;

    private ConsentLedger ledger;
    private LedgerExport export;
    private final RecordingId id = RecordingId.random();

    @BeforeEach
    void writeALedger() {
        ledger = ConsentLedger.open(dataDir, LedgerSigningKey.loadOrCreate(dataDir), new MutableClock());
        ParticipantId sam = ParticipantId.random();
        ParticipantId facilitator = ParticipantId.random();
        ledger.record(new ConsentEvent.RecordingRequested(id, Set.of(sam)), "r-room", 1);
        ledger.record(new ConsentEvent.ConsentGiven(id, facilitator), "r-room", 1);
        ledger.record(new ConsentEvent.ConsentGiven(id, sam), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        ledger.record(new ConsentEvent.RecordingStopped(id, ChangeReason.STOPPED), "r-room", 1);
        export = ledger.export(id);
    }

    @Test
    void anUntouchedExportVerifiesWithAndWithoutTheTrustedKey() {
        LedgerVerification withKey = LedgerVerifier.verify(export, Optional.of(ledger.publicKey()));
        assertTrue(withKey.ok(), withKey.describe());
        assertTrue(withKey.closed());
        assertTrue(LedgerVerifier.verify(export, Optional.empty()).ok());
        LedgerVerification reparsed = LedgerVerifier.verify(LedgerExport.parse(export.toJsonText()), Optional.of(ledger.publicKey()));
        assertTrue(reparsed.ok(), reparsed.describe());
    }

    @Test
    void anEntryThatCannotBeReadIsReportedInPlaceAndTheApiVerdictIsIgnored() {
        String text = export.toJsonText();
        String second = tools.jackson.databind.json.JsonMapper.shared().readTree(text).get("entries").get(1).toString();
        for (String unreadable : List.of("null", "17", second.replace("\"seq\":2", "\"seq\":\"2\""),
                second.replace("{", "{\"extra\":1,"))) {
            String changed = text.replace(second, unreadable).replace("{\"format\"",
                    "{\"verification\":{\"ok\":true},\"format\"");
            LedgerVerification result = LedgerVerifier.verify(LedgerExport.parse(changed), Optional.of(ledger.publicKey()));
            assertEquals(Problem.UNREADABLE, result.failure().orElseThrow().problem(), unreadable);
            assertEquals(2, result.failure().orElseThrow().seq(), unreadable);
        }
        assertThrows(LedgerFormatException.class,
                () -> LedgerExport.parse(text.replace("{\"format\"", "{\"surprise\":1,\"format\"")));
        assertThrows(LedgerFormatException.class, () -> LedgerExport.parse(text.replace("\"head\":{", "\"head\":{\"x\":1,")));
    }

    @Test
    void changingAnyFieldOfAnyEntryFails() {
        for (int i = 0; i < export.entries().size(); i++) {
            LedgerEntry e = export.entries().get(i);
            List<LedgerEntry> variants = List.of(
                    new LedgerEntry(e.recordingId(), e.seq(), e.at().plusMillis(1), e.type(), e.participant(), e.details(), e.prevHash(), e.hash(), e.signature()),
                    new LedgerEntry(e.recordingId(), e.seq(), e.at(), "consent-declined", e.participant(), e.details(), e.prevHash(), e.hash(), e.signature()),
                    new LedgerEntry(e.recordingId(), e.seq(), e.at(), e.type(), ParticipantId.random().value(), e.details(), e.prevHash(), e.hash(), e.signature()),
                    new LedgerEntry(e.recordingId(), e.seq(), e.at(), e.type(), e.participant(), withDetail(e.details(), "agreementVersion", "9"), e.prevHash(), e.hash(), e.signature()));
            for (LedgerEntry changed : variants) {
                LedgerVerification result = LedgerVerifier.verify(replaced(i, changed), Optional.empty());
                assertFalse(result.ok(), "change in entry " + (i + 1));
                assertEquals(i + 1, result.failure().orElseThrow().seq());
                assertEquals(Problem.CHANGED, result.failure().orElseThrow().problem());
            }
        }
    }

    @Test
    void aRehashedButUnsignedChangeFailsOnTheSignature() {
        LedgerEntry e = export.entries().get(2);
        LedgerEntry draft = new LedgerEntry(e.recordingId(), e.seq(), e.at(), "consent-declined", e.participant(),
                e.details(), e.prevHash(), "", "");
        LedgerEntry forged = new LedgerEntry(draft.recordingId(), draft.seq(), draft.at(), draft.type(), draft.participant(),
                draft.details(), draft.prevHash(), LedgerVerifier.sha256Hex(draft.signedContent()), e.signature());
        LedgerVerification result = LedgerVerifier.verify(replaced(2, forged), Optional.empty());
        assertEquals(Problem.BAD_SIGNATURE, result.failure().orElseThrow().problem());
    }

    @Test
    void removingAnyOneEntryFails() {
        for (int i = 0; i < export.entries().size(); i++) {
            List<LedgerEntry> fewer = new ArrayList<>(export.entries());
            fewer.remove(i);
            LedgerVerification result = LedgerVerifier.verify(with(fewer), Optional.empty());
            assertFalse(result.ok(), "entry " + (i + 1) + " removed");
            Problem expected = i == export.entries().size() - 1 ? Problem.TRUNCATED : Problem.DELETED;
            assertEquals(expected, result.failure().orElseThrow().problem(), "entry " + (i + 1) + " removed");
        }
    }

    @Test
    void swappingAnyTwoNeighboursFails() {
        for (int i = 0; i + 1 < export.entries().size(); i++) {
            List<LedgerEntry> swapped = new ArrayList<>(export.entries());
            Collections.swap(swapped, i, i + 1);
            LedgerVerification result = LedgerVerifier.verify(with(swapped), Optional.empty());
            assertEquals(Problem.REORDERED, result.failure().orElseThrow().problem(), "swap at " + (i + 1));
            assertEquals(i + 1, result.failure().orElseThrow().seq());
        }
    }

    @Test
    void anEntryFromAnotherRecordingsLedgerIsRefused() {
        RecordingId other = RecordingId.random();
        ledger.record(new ConsentEvent.RecordingStarted(other), "r-room", 1);
        LedgerEntry foreign = ledger.entries(other).get(0);
        LedgerVerification result = LedgerVerifier.verify(replaced(0, foreign), Optional.empty());
        assertEquals(Problem.WRONG_RECORDING, result.failure().orElseThrow().problem());
    }

    @Test
    void aLedgerSignedByAnotherKeyIsRefusedWhenTheServerKeyIsGiven() {
        byte[] otherKey = LedgerSigningKey.generate().publicKey();
        LedgerVerification result = LedgerVerifier.verify(export, Optional.of(otherKey));
        assertEquals(Problem.WRONG_KEY, result.failure().orElseThrow().problem());
    }

    @Test
    void aResignedForgeryWithAnotherKeyVerifiesOnlyAgainstItsOwnKey() {
        LedgerSigningKey attacker = LedgerSigningKey.generate();
        ConsentLedger forged = ConsentLedger.open(dataDir.resolve("forger"), attacker, new MutableClock());
        forged.record(new ConsentEvent.RecordingStarted(id), "r-room", 1);
        LedgerExport forgery = forged.export(id);
        assertTrue(LedgerVerifier.verify(forgery, Optional.empty()).ok());
        assertEquals(Problem.WRONG_KEY, LedgerVerifier.verify(forgery, Optional.of(ledger.publicKey()))
                .failure().orElseThrow().problem());
    }

    @Test
    void aHeadThatDoesNotMatchItsSignatureFails() {
        LedgerExport.Head head = export.head();
        LedgerExport lying = new LedgerExport(export.recordingId(), export.publicKey(), export.entries(),
                new LedgerExport.Head(head.entries() + 1, head.lastHash(), head.exportedAt(), head.signature()));
        assertEquals(Problem.BAD_HEAD, LedgerVerifier.verify(lying, Optional.empty()).failure().orElseThrow().problem());
    }

    private LedgerExport replaced(int index, LedgerEntry entry) {
        List<LedgerEntry> entries = new ArrayList<>(export.entries());
        entries.set(index, entry);
        return with(entries);
    }

    private LedgerExport with(List<LedgerEntry> entries) {
        return new LedgerExport(export.recordingId(), export.publicKey(), entries, export.head());
    }

    private static Map<String, String> withDetail(Map<String, String> details, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return copy;
    }
}

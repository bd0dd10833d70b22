package dev.hearth.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit line and head formats on Jackson: unchanged bytes for what earlier versions wrote, hostile text refused. */
class AuditLineFormatTest {

    private static final String HASH = "ab".repeat(32);

    /** A line exactly as the previous writer put it on disk. */
    private static final String WRITTEN_BEFORE = "{\"seq\":7,\"at\":\"2026-03-01T10:00:00.123Z\",\"type\":\"login.succeeded\","
            + "\"actor\":\"a-1\",\"subject\":\"a-1\",\"details\":{\"ip\":\"x\",\"n\":\"1\"},\"prevHash\":\"" + HASH
            + "\",\"hash\":\"" + HASH + "\"}";

    @Test
    void linesWrittenBeforeReadAndWriteBackByteForByte() {
        AuditEntry entry = AuditEntry.fromJsonLine(WRITTEN_BEFORE);
        assertEquals(7, entry.seq());
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), entry.at());
        assertEquals(Map.of("ip", "x", "n", "1"), entry.details());
        assertEquals(WRITTEN_BEFORE, entry.toJsonLine());
    }

    @Test
    void textWithLineBreaksStaysOnOneLine() {
        AuditEntry entry = AuditEntry.sealed(1, Instant.EPOCH, "t", "a\nb", "c\u2028d", Map.of("k", "e\rf"), HASH);
        String line = entry.toJsonLine();
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(-1, line.indexOf('\r'));
        assertEquals(-1, line.indexOf('\u2028'));
        assertEquals(entry, AuditEntry.fromJsonLine(line));
    }

    @Test
    void hostileLinesAreRefusedNamingTheFieldWithoutQuotingTheText() {
        List<String> hostile = List.of(
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":\"7\""),
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":7.5"),
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":99999999999999999999"),
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":null"),
                WRITTEN_BEFORE.replace("\"seq\":7,", ""),
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":7,\"seq\":8"),
                WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":7,\"extra\":\"secretvalue\""),
                WRITTEN_BEFORE.replace("\"n\":\"1\"", "\"n\":1"),
                WRITTEN_BEFORE.replace("\"n\":\"1\"", "\"n\":null"),
                WRITTEN_BEFORE.replace("\"n\":\"1\"", "\"n\":{\"deep\":\"secretvalue\"}"),
                WRITTEN_BEFORE.replace("\"actor\":\"a-1\"", "\"actor\":true"),
                WRITTEN_BEFORE.replace("\"actor\":\"a-1\"", "\"actor\":[\"secretvalue\"]"),
                WRITTEN_BEFORE.replace("10:00:00.123Z", "10:00:00.1230Z"),
                WRITTEN_BEFORE.replace("10:00:00.123Z", "tomorrow"),
                WRITTEN_BEFORE + " trailing",
                WRITTEN_BEFORE.substring(0, 40),
                "[]", "null", "", "{\"details\":" + "[".repeat(100) + "]".repeat(100) + "}");
        for (String line : hostile) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditEntry.fromJsonLine(line),
                    line);
            assertFalse(e.getMessage().contains("secretvalue"), e.getMessage());
            assertFalse(e.getMessage().contains(HASH), e.getMessage());
        }
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> AuditEntry.fromJsonLine(WRITTEN_BEFORE.replace("\"seq\":7", "\"seq\":\"7\"")));
        assertTrue(wrongType.getMessage().contains("'seq'"), wrongType.getMessage());
    }

    @Test
    void headAndAnchorLinesRoundTripAndRefuseExtras() {
        Ed25519Key key = Ed25519Key.generate();
        AuditHead head = AuditHead.signed(3, 9, HASH, Instant.parse("2026-03-01T10:00:00Z"), key);
        AuditHead read = AuditHead.fromJsonLine(head.toJsonLine());
        assertTrue(read.signedBy(key.publicKey()));
        assertThrows(IllegalArgumentException.class,
                () -> AuditHead.fromJsonLine(head.toJsonLine().replace("{", "{\"extra\":1,")));
        AuditLog.Anchor anchor = new AuditLog.Anchor(4, HASH);
        assertEquals("{\"anchor\":{\"seq\":4,\"prevHash\":\"" + HASH + "\"}}", anchor.toJsonLine());
        assertEquals(anchor, AuditLog.Anchor.fromJsonLine(anchor.toJsonLine()));
        assertThrows(IllegalArgumentException.class,
                () -> AuditLog.Anchor.fromJsonLine("{\"anchor\":{\"seq\":0,\"prevHash\":\"" + HASH + "\"}}"));
        assertThrows(IllegalArgumentException.class,
                () -> AuditLog.Anchor.fromJsonLine("{\"anchor\":{\"seq\":4}}"));
    }
}

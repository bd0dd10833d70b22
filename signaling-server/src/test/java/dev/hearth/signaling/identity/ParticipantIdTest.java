package dev.hearth.signaling.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.error.HearthException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParticipantIdTest {

    @Test
    void randomIdsHavePrefixAndTwentyBase32Characters() {
        for (int i = 0; i < 100; i++) {
            assertTrue(ParticipantId.random().value().matches("p-[a-z2-7]{20}"));
        }
    }

    @Test
    void randomIdsDoNotRepeat() {
        Set<ParticipantId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ParticipantId.random()));
        }
    }

    @Test
    void malformedIdFromAClientIsNotFound() {
        for (String bad : new String[] {null, "", "p-", "p-ABCDEFGHIJKLMNOPQRST", "x-abcdefghijklmnopqrst",
                "p-abcdefghijklmnopqrs", "p-abcdefghijklmnopqrst1", "p-abcdefghijklmnopqrs0"}) {
            HearthException e = assertThrows(HearthException.class, () -> new ParticipantId(bad));
            assertEquals("not-found", e.code());
        }
    }

    @Test
    void wellFormedIdRoundTrips() {
        ParticipantId id = ParticipantId.random();
        assertEquals(id, new ParticipantId(id.value()));
        assertEquals(id.value(), id.toString());
    }
}

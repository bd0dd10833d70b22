package dev.hearth.signaling.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.identity.ParticipantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ParticipantId PARTICIPANT = new ParticipantId("p-abcdefghijklmnopqrst");
    private static final Clock AT = Clock.fixed(Instant.parse("2025-12-07T09:30:00.250Z"), ZoneOffset.UTC);

    /**
     * The password coturn computes for this username with {@code static-auth-secret}; the expected value came
     * from {@code printf '%s' 1765107000:p-abcdefghijklmnopqrst | openssl dgst -sha1 -hmac <secret> -binary | base64}.
     */
    @Test
    void usernameIsExpiryAndParticipantAndPasswordIsItsHmac() {
        TurnCredentials turn = new TurnCredentials(List.of("turn:turn.example.org:3478?transport=udp"), SECRET,
                Duration.ofHours(2), AT);
        TurnCredentials.IceServer server = turn.iceServersFor(PARTICIPANT).get(0);
        assertEquals("1765107000:p-abcdefghijklmnopqrst", server.username());
        assertEquals("CNxkRe2y+7e6KBgD2qIY5tiUZt4=", server.credential());
        assertEquals(Instant.parse("2025-12-07T11:30:00Z"), server.expiresAt());
        assertEquals(List.of("turn:turn.example.org:3478?transport=udp"), server.urls());
    }

    @Test
    void everyParticipantGetsTheirOwnCredential() {
        TurnCredentials turn = new TurnCredentials(List.of("turn:127.0.0.1"), SECRET, Duration.ofHours(2), AT);
        var first = turn.iceServersFor(PARTICIPANT).get(0);
        var second = turn.iceServersFor(ParticipantId.random()).get(0);
        assertNotEquals(first.username(), second.username());
        assertNotEquals(first.credential(), second.credential());
    }

    @Test
    void withoutTurnThereAreNoIceServers() {
        assertTrue(TurnCredentials.none().iceServersFor(PARTICIPANT).isEmpty());
    }

    @Test
    void credentialsStayOutOfTheirText() {
        var server = new TurnCredentials(List.of("turn:127.0.0.1"), SECRET, Duration.ofHours(2), AT)
                .iceServersFor(PARTICIPANT).get(0);
        assertTrue(!server.toString().contains(server.credential()) && !server.toString().contains("p-abc"));
    }
}

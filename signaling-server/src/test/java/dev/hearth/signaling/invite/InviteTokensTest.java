package dev.hearth.signaling.invite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InviteTokensTest {

    private static final byte[] KEY = key(1);
    private final MutableClock clock = new MutableClock();
    private final InviteTokens tokens = new InviteTokens(KEY, clock);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static void assertInvalid(InviteTokens tokens, String token) {
        InviteException e = assertThrows(InviteException.class, () -> tokens.verify(token));
        assertEquals(InviteException.INVALID, e.code());
    }

    @Test
    void issuedTokenVerifiesToItsRoomAndExpiry() {
        String token = tokens.issue("r-room1", Duration.ofDays(2));
        InviteClaims claims = tokens.verify(token);
        assertEquals("r-room1", claims.roomId());
        assertEquals(clock.instant().plus(Duration.ofDays(2)), claims.expiresAt());
        assertTrue(claims.inviteId().length() >= 16);
    }

    @Test
    void defaultLifetimeIsThirtyDays() {
        InviteClaims claims = tokens.verify(tokens.issue("r-1"));
        assertEquals(clock.instant().plus(Duration.ofDays(30)), claims.expiresAt());
    }

    @Test
    void eachInviteHasItsOwnId() {
        assertNotEquals(tokens.verify(tokens.issue("r-1")).inviteId(), tokens.verify(tokens.issue("r-1")).inviteId());
    }

    @Test
    void tokenIsUrlSafe() {
        assertTrue(tokens.issue("r/room with space?&").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    }

    @Test
    void tamperedPayloadIsInvalid() {
        String token = tokens.issue("r-room1", Duration.ofDays(1));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String otherRoom = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("r-room1", "r-room2").getBytes(StandardCharsets.UTF_8));
        assertInvalid(tokens, otherRoom + token.substring(token.indexOf('.')));
    }

    @Test
    void tamperedMacIsInvalid() {
        String token = tokens.issue("r-room1", Duration.ofDays(1));
        char last = token.charAt(token.length() - 2);
        String changed = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertInvalid(tokens, changed);
    }

    @Test
    void truncatedTokensAreInvalid() {
        String token = tokens.issue("r-room1", Duration.ofDays(1));
        for (int length = 0; length < token.length(); length++) {
            assertInvalid(tokens, token.substring(0, length));
        }
    }

    @Test
    void garbageAndHugeInputOnlyEverGiveInviteExceptions() {
        List<String> garbage = List.of("", ".", "..", "a.b", "a.b.c", "%%%.%%%", "\u0000.\u0000", "🙂.🙂",
                "x".repeat(1_000_000), "a".repeat(300) + "." + "b".repeat(300));
        for (String token : garbage) {
            assertInvalid(tokens, token);
        }
        assertInvalid(tokens, null);
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            String token = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThrows(InviteException.class, () -> tokens.verify(token));
        }
    }

    @Test
    void expiredTokenIsReportedAsExpired() {
        String token = tokens.issue("r-room1", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(59));
        tokens.verify(token);
        clock.advance(Duration.ofMinutes(1));
        InviteException e = assertThrows(InviteException.class, () -> tokens.verify(token));
        assertEquals(InviteException.EXPIRED, e.code());
    }

    @Test
    void tokenFromAnotherKeyIsInvalid() {
        String token = new InviteTokens(key(2), clock).issue("r-room1", Duration.ofDays(1));
        assertInvalid(tokens, token);
    }

    @Test
    void invalidInviteMessageTellsTheMemberWhatToDo() {
        InviteException e = assertThrows(InviteException.class, () -> tokens.verify("nope"));
        assertEquals("This invite link is not valid. Ask your facilitator for a new one.", e.getMessage());
    }

    @Test
    void refusesBadRoomIdsLifetimesAndShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("r\n1", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("r-1", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("r-1", Duration.ofDays(400)));
        assertThrows(IllegalArgumentException.class, () -> new InviteTokens(new byte[16], clock));
    }

    @Test
    void keyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        byte[] first = InviteKeyFile.loadOrCreate(dir);
        byte[] second = InviteKeyFile.loadOrCreate(dir);
        assertEquals(32, first.length);
        assertArrayEquals(first, second);
        Path file = dir.resolve(InviteKeyFile.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = new InviteTokens(first, clock).issue("r-1", Duration.ofDays(1));
        assertEquals("r-1", new InviteTokens(second, clock).verify(token).roomId());
    }

    @Test
    void damagedKeyFileStopsStartUpWithAClearMessage(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(InviteKeyFile.FILE_NAME), new byte[5]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InviteKeyFile.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("32 bytes"));
    }

    private static void assertRevoked(InviteTokens tokens, String token) {
        InviteException e = assertThrows(InviteException.class, () -> tokens.verify(token));
        assertEquals(InviteException.REVOKED, e.code());
        assertEquals("This invite was withdrawn. Ask your facilitator for a new one.", e.getMessage());
    }

    @Test
    void aRevokedInviteIsRefusedAsRevokedAndOnlyThatOne() {
        IssuedInvite first = tokens.issueInvite("r-room1", Duration.ofDays(2));
        IssuedInvite second = tokens.issueInvite("r-room1", Duration.ofDays(2));
        assertTrue(tokens.revoke("r-room1", first.inviteId()));
        assertRevoked(tokens, first.token());
        assertEquals("r-room1", tokens.verify(second.token()).roomId());
        assertTrue(tokens.list("r-room1").stream().filter(i -> i.inviteId().equals(first.inviteId()))
                .allMatch(IssuedInvite::isRevoked));
    }

    @Test
    void anInviteCannotBeRevokedThroughAnotherRoom() {
        IssuedInvite invite = tokens.issueInvite("r-room1", Duration.ofDays(2));
        assertEquals(false, tokens.revoke("r-room2", invite.inviteId()));
        assertEquals("r-room1", tokens.verify(invite.token()).roomId());
    }

    @Test
    void rotatingKillsEveryEarlierInviteOfThatRoomOnly() {
        String old = tokens.issue("r-room1", Duration.ofDays(2));
        String otherRoom = tokens.issue("r-room2", Duration.ofDays(2));
        IssuedInvite fresh = tokens.rotate("r-room1");
        assertRevoked(tokens, old);
        assertEquals("r-room1", tokens.verify(fresh.token()).roomId());
        assertEquals("r-room2", tokens.verify(otherRoom).roomId());
        assertEquals(List.of(fresh.inviteId()), tokens.list("r-room1").stream().map(IssuedInvite::inviteId).toList());
    }

    @Test
    void theChosenLifetimeIsTheInvitesExpiry() {
        IssuedInvite invite = tokens.issueInvite("r-room1", Duration.ofDays(7));
        assertEquals(clock.instant().plus(Duration.ofDays(7)), invite.expiresAt());
        assertEquals(invite.expiresAt(), tokens.verify(invite.token()).expiresAt());
    }

    @Test
    void theCurrentLinkIsReusedUntilItStopsWorking() {
        IssuedInvite current = tokens.current("r-room1");
        assertEquals(current.inviteId(), tokens.current("r-room1").inviteId());
        tokens.revoke("r-room1", current.inviteId());
        IssuedInvite next = tokens.current("r-room1");
        assertNotEquals(current.inviteId(), next.inviteId());
        tokens.verify(next.token());
    }

    @Test
    void aVersionOneTokenStillWorksUntilTheRoomIsRotated() {
        String payload = "1\nr-room1\n" + clock.instant().plus(Duration.ofDays(1)).getEpochSecond() + "\nabcdefghijklmnop";
        String token = signed(payload);
        assertEquals(0, tokens.verify(token).generation());
        tokens.rotate("r-room1");
        assertRevoked(tokens, token);
    }

    @Test
    void revocationsAndRotationsSurviveARestart(@TempDir Path dir) throws Exception {
        InviteTokens before = new InviteTokens(KEY, clock, FileInviteRegistry.open(dir, clock));
        IssuedInvite revoked = before.issueInvite("r-room1", Duration.ofDays(3));
        String rotatedAway = before.issue("r-room2", Duration.ofDays(3));
        IssuedInvite kept = before.issueInvite("r-room1", Duration.ofDays(3));
        before.revoke("r-room1", revoked.inviteId());
        before.rotate("r-room2");

        InviteTokens after = new InviteTokens(KEY, clock, FileInviteRegistry.open(dir, clock));
        assertRevoked(after, revoked.token());
        assertRevoked(after, rotatedAway);
        assertEquals("r-room1", after.verify(kept.token()).roomId());
        assertEquals(2, after.list("r-room1").size());
        Path file = dir.resolve(FileInviteRegistry.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void expiredEntriesAreDroppedFromTheFile(@TempDir Path dir) throws Exception {
        InviteTokens tokens = new InviteTokens(KEY, clock, FileInviteRegistry.open(dir, clock));
        IssuedInvite shortLived = tokens.issueInvite("r-room1", Duration.ofHours(1));
        tokens.revoke("r-room1", shortLived.inviteId());
        clock.advance(Duration.ofHours(2));
        tokens.issueInvite("r-room1", Duration.ofDays(1));
        String text = Files.readString(dir.resolve(FileInviteRegistry.FILE_NAME));
        assertTrue(!text.contains(shortLived.inviteId()), "an expired, revoked invite is no longer kept");
    }

    @Test
    void aDamagedRegistryFileStopsStartUp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(FileInviteRegistry.FILE_NAME), "{\"version\":1}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileInviteRegistry.open(dir, clock));
        assertTrue(e.getMessage().contains("revoked invite links would work again"));
    }

    private static String signed(String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString(bytes) + "." + encoder.encodeToString(mac.doFinal(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}

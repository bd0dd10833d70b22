package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInTest {

    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofMinutes(15));
    private AuditLog audit;
    private SignIn signIn;
    private Account sam;

    @BeforeEach
    void setUp() {
        AccountStore accounts = AccountStore.open(dir, clock);
        audit = AuditLog.open(dir, clock);
        sam = accounts.create("Sam.Kim", Role.FACILITATOR, PasswordHasherTest.LIGHT.hash(PASSWORD));
        signIn = new SignIn(accounts, PasswordHasherTest.LIGHT, sessions, new LoginThrottle(clock), audit,
                new TwoStep(accounts, new SecretBox(new byte[32]), clock, false), clock);
    }

    @Test
    void rightPasswordOpensASession() {
        SignedIn signedIn = signIn.login("sam.kim", PASSWORD, "10.0.0.1").signedIn();
        assertEquals(sam, signedIn.account());
        assertEquals(signedIn.session(), sessions.use(signedIn.session().id()).orElseThrow());
    }

    @Test
    void usernameIsCaseInsensitive() {
        assertEquals(sam, signIn.login(" SAM.KIM ", PASSWORD, "10.0.0.1").signedIn().account());
    }

    @Test
    void wrongPasswordAndUnknownUsernameGetTheSameAnswer() {
        AccountException wrong = assertThrows(AccountException.class, () -> signIn.login("sam.kim", "wrong password!", "10.0.0.1"));
        AccountException unknown = assertThrows(AccountException.class, () -> signIn.login("nobody", PASSWORD, "10.0.0.1"));
        AccountException invalid = assertThrows(AccountException.class, () -> signIn.login("no such @ name", PASSWORD, "10.0.0.1"));
        for (AccountException e : List.of(wrong, unknown, invalid)) {
            assertEquals(AccountException.BAD_CREDENTIALS, e.code());
            assertEquals(wrong.getMessage(), e.getMessage());
        }
        assertThrows(AccountException.class, () -> signIn.login(null, null, "10.0.0.1"));
    }

    @Test
    void guessesFromOneAddressDelayOnlyThatAddressWhileTheOwnerSignsInFromAnother() {
        for (int i = 0; i < 6; i++) {
            // A minute apart: longer than any delay so far, so each guess is checked.
            clock.advance(Duration.ofMinutes(1));
            AccountException guess = assertThrows(AccountException.class,
                    () -> signIn.login("sam.kim", "wrong password!", "203.0.113.66"));
            assertEquals(AccountException.BAD_CREDENTIALS, guess.code());
        }
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> signIn.login("sam.kim", PASSWORD, "203.0.113.66"));
        assertTrue(e.retryAfter().compareTo(Duration.ZERO) > 0);
        assertEquals(sam, signIn.login("sam.kim", PASSWORD, "10.0.0.2").signedIn().account());
        clock.advance(e.retryAfter());
        assertEquals(sam, signIn.login("sam.kim", PASSWORD, "203.0.113.66").signedIn().account());
    }

    @Test
    void successFromAnAddressClearsItsDelays() {
        for (int i = 0; i < 3; i++) {
            assertThrows(AccountException.class, () -> signIn.login("sam.kim", "wrong password!", "10.0.0.1"));
        }
        assertThrows(RateLimitedException.class, () -> signIn.login("sam.kim", PASSWORD, "10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        signIn.login("sam.kim", PASSWORD, "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            AccountException again = assertThrows(AccountException.class,
                    () -> signIn.login("sam.kim", "wrong password!", "10.0.0.1"));
            assertEquals(AccountException.BAD_CREDENTIALS, again.code());
        }
    }

    @Test
    void attemptsAreAuditedByAccountIdNeverByUsername() throws Exception {
        assertThrows(AccountException.class, () -> signIn.login("sam.kim", "wrong password!", "10.0.0.1"));
        assertThrows(AccountException.class, () -> signIn.login("nobody.here", PASSWORD, "10.0.0.1"));
        SignedIn signedIn = signIn.login("sam.kim", PASSWORD, "10.0.0.1").signedIn();
        signIn.logout(signedIn.session());

        List<AuditEntry> entries = audit.page(0, 10);
        assertEquals(List.of("login.failed", "login.failed", "login.succeeded", "logout"),
                entries.stream().map(AuditEntry::type).toList());
        assertEquals(sam.id(), entries.get(0).actor());
        assertEquals(Map.of("reason", "wrong-password"), entries.get(0).details());
        assertEquals(SignIn.UNKNOWN_ACTOR, entries.get(1).actor());
        assertEquals(sam.id(), entries.get(2).actor());
        String file = Files.readString(dir.resolve(AuditLog.FILE_NAME));
        assertFalse(file.contains("sam.kim"));
        assertFalse(file.contains("nobody"));
        assertFalse(file.contains(signedIn.session().id()));
    }

    @Test
    void logoutEndsTheSession() {
        SignedIn signedIn = signIn.login("sam.kim", PASSWORD, "10.0.0.1").signedIn();
        signIn.logout(signedIn.session());
        assertTrue(sessions.use(signedIn.session().id()).isEmpty());
    }
}

package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 6 in the account core, without Spring: admins switch facilitators off and on, delete them and
 * force a new password; everyone changes their own password and may add a two-step code (required for admins
 * under HEARTH_REQUIRE_MFA).
 */
class StaffAccountLifecycleTest {

    private static final String PASSWORD = "a long enough passphrase";
    private static final String ADMIN_PASSWORD = "the admin passphrase";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofMinutes(15));
    private final SecretBox box = new SecretBox(new byte[32]);
    private AccountStore accounts;
    private AuditLog audit;
    private FacilitatorAccounts facilitators;
    private Account admin;
    private Account sam;

    @BeforeEach
    void setUp() {
        accounts = AccountStore.open(dir, clock);
        audit = AuditLog.open(dir, clock);
        facilitators = new FacilitatorAccounts(accounts, PasswordHasherTest.LIGHT, audit, sessions);
        admin = accounts.create("admin", Role.ADMIN, PasswordHasherTest.LIGHT.hash(ADMIN_PASSWORD));
        sam = facilitators.create(admin, "sam", PASSWORD);
    }

    private SignIn signIn(boolean requireMfa) {
        return new SignIn(accounts, PasswordHasherTest.LIGHT, sessions, new LoginThrottle(clock), audit,
                new TwoStep(accounts, box, clock, requireMfa), clock);
    }

    private OwnAccount own(boolean requireMfa) {
        return new OwnAccount(accounts, PasswordHasherTest.LIGHT, sessions, new TwoStep(accounts, box, clock, requireMfa),
                audit, clock, new LoginThrottle(clock));
    }

    private List<String> auditTypes() {
        return audit.page(0, 1000).stream().map(AuditEntry::type).toList();
    }

    private static String code(TwoStep.Enrolment enrolment, MutableClock clock) {
        return Totp.code(enrolment.secret(), Totp.step(clock.instant()), 6);
    }

    private static String codeFor(byte[] secret, MutableClock clock) {
        return Totp.code(secret, Totp.step(clock.instant()), 6);
    }

    @Test
    void aDisabledFacilitatorIsSignedOutAtOnceAndCannotSignInUntilEnabled() {
        SignedIn signedIn = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        AtomicInteger roomSocketsClosed = new AtomicInteger();
        sessions.hold(signedIn.session().id(), roomSocketsClosed::incrementAndGet).orElseThrow();

        facilitators.disable(admin, sam.id());
        assertTrue(sessions.use(signedIn.session().id()).isEmpty());
        assertEquals(1, roomSocketsClosed.get(), "the live room socket held by the session was told at once");
        AccountException refused = assertThrows(AccountException.class, () -> signIn(false).login("sam", PASSWORD, "10.0.0.1"));
        assertEquals(AccountException.ACCOUNT_DISABLED, refused.code());
        assertEquals(AccountException.BAD_CREDENTIALS, assertThrows(AccountException.class,
                () -> signIn(false).login("sam", "a wrong passphrase", "10.0.0.2")).code(),
                "without the right password nobody learns that the account is switched off");

        facilitators.enable(admin, sam.id());
        signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        assertTrue(auditTypes().containsAll(List.of("facilitator.disabled", "facilitator.enabled")));
    }

    @Test
    void aDeletedFacilitatorIsSignedOutAndGone() {
        SignedIn signedIn = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        facilitators.delete(admin, sam.id());
        assertTrue(sessions.use(signedIn.session().id()).isEmpty());
        assertTrue(accounts.findById(sam.id()).isEmpty());
        assertTrue(AccountStore.open(dir, clock).findById(sam.id()).isEmpty(), "the deletion was saved");
        assertEquals(AccountException.BAD_CREDENTIALS, assertThrows(AccountException.class,
                () -> signIn(false).login("sam", PASSWORD, "10.0.0.1")).code());
        assertTrue(auditTypes().contains("facilitator.deleted"));
    }

    @Test
    void onlyAdminsManageAndOnlyFacilitatorAccounts() {
        Account kim = facilitators.create(admin, "kim", PASSWORD);
        for (Runnable attempt : List.<Runnable>of(() -> facilitators.disable(kim, sam.id()),
                () -> facilitators.enable(kim, sam.id()), () -> facilitators.delete(kim, sam.id()),
                () -> facilitators.requirePasswordReset(kim, sam.id(), Optional.empty()))) {
            assertEquals(AccountException.FORBIDDEN, assertThrows(AccountException.class, attempt::run).code());
        }
        assertEquals(AccountException.NOT_FOUND, assertThrows(AccountException.class,
                () -> facilitators.disable(admin, admin.id())).code(), "admins are not switched off from here");
        assertEquals(AccountException.NOT_FOUND, assertThrows(AccountException.class,
                () -> facilitators.delete(admin, "a-nobody")).code());
        assertFalse(accounts.findById(sam.id()).orElseThrow().disabled());
    }

    @Test
    void aForcedResetMakesTheNextSignInSetANewPasswordFirst() {
        SignedIn before = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        facilitators.requirePasswordReset(admin, sam.id(), Optional.empty());
        assertTrue(sessions.use(before.session().id()).isEmpty(), "sessions end with the reset");

        SignIn signIn = signIn(false);
        SignInStep.Pending step = assertInstanceOf(SignInStep.Pending.class, signIn.login("sam", PASSWORD, "10.0.0.1"));
        assertEquals(SignInStep.Next.NEW_PASSWORD, step.next());
        assertEquals(AccountException.WEAK_PASSWORD, assertThrows(AccountException.class,
                () -> signIn.newPassword(step.challenge(), PASSWORD)).code(), "the old password is not a new one");
        SignedIn after = signIn.newPassword(step.challenge(), "a brand new passphrase").signedIn();
        assertFalse(after.account().passwordChangeRequired());
        assertThrows(AccountException.class, () -> signIn.newPassword(step.challenge(), "yet another passphrase"),
                "a challenge works once");
        signIn(false).login("sam", "a brand new passphrase", "10.0.0.1").signedIn();
        assertTrue(auditTypes().containsAll(List.of("facilitator.password-reset", "password.changed")));
    }

    @Test
    void aResetWithATemporaryPasswordReplacesTheOldOne() {
        facilitators.requirePasswordReset(admin, sam.id(), Optional.of("a temporary passphrase"));
        assertThrows(AccountException.class, () -> signIn(false).login("sam", PASSWORD, "10.0.0.1"));
        SignInStep step = signIn(false).login("sam", "a temporary passphrase", "10.0.0.9");
        assertEquals(SignInStep.Next.NEW_PASSWORD, ((SignInStep.Pending) step).next());
    }

    @Test
    void everyoneChangesTheirOwnPasswordWithTheCurrentOneAndOtherBrowsersAreSignedOut() {
        SignedIn here = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        SignedIn elsewhere = signIn(false).login("sam", PASSWORD, "10.0.0.2").signedIn();
        OwnAccount own = own(false);
        assertEquals(AccountException.WRONG_PASSWORD, assertThrows(AccountException.class,
                () -> own.changePassword(here, "not my password!", "a brand new passphrase")).code());
        assertEquals(AccountException.WEAK_PASSWORD, assertThrows(AccountException.class,
                () -> own.changePassword(here, PASSWORD, "short")).code());
        own.changePassword(here, PASSWORD, "a brand new passphrase");
        assertTrue(sessions.use(here.session().id()).isPresent());
        assertTrue(sessions.use(elsewhere.session().id()).isEmpty());
        assertTrue(PasswordHasherTest.LIGHT.verify("a brand new passphrase",
                AccountStore.open(dir, clock).findById(sam.id()).orElseThrow().passwordHash()));
    }

    @Test
    void withTwoStepOnSignInAsksForTheCodeAndACodeWorksOnce() {
        SignedIn signedIn = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        OwnAccount own = own(false);
        TwoStep.Enrolment enrolment = own.beginTwoStep(signedIn, PASSWORD);
        assertTrue(enrolment.uri().startsWith("otpauth://totp/Hearth:sam?secret=" + enrolment.base32()));
        assertEquals(AccountException.INVALID_CODE, assertThrows(AccountException.class,
                () -> own.confirmTwoStep(signedIn, "000000".equals(code(enrolment, clock)) ? "111111" : "000000")).code());
        own.confirmTwoStep(signedIn, code(enrolment, clock));
        Account stored = AccountStore.open(dir, clock).findById(sam.id()).orElseThrow();
        assertTrue(stored.hasTotp());
        assertFalse(stored.sealedTotpSecret().orElseThrow().contains(enrolment.base32()), "stored sealed, not in clear");

        clock.advance(Duration.ofSeconds(30));
        SignIn signIn = signIn(false);
        SignInStep.Pending step = assertInstanceOf(SignInStep.Pending.class, signIn.login("sam", PASSWORD, "10.0.0.1"));
        assertEquals(SignInStep.Next.TOTP, step.next());
        String code = code(enrolment, clock);
        SignedIn withCode = signIn.code(step.challenge(), code).signedIn();
        assertEquals(sam.id(), withCode.account().id());

        SignInStep.Pending again = (SignInStep.Pending) signIn.login("sam", PASSWORD, "10.0.0.1");
        assertEquals(AccountException.INVALID_CODE, assertThrows(AccountException.class,
                () -> signIn.code(again.challenge(), code)).code(), "the same code a second time");
        clock.advance(Duration.ofSeconds(30));
        signIn.code(again.challenge(), code(enrolment, clock)).signedIn();
        assertTrue(auditTypes().containsAll(List.of("mfa.enabled", "login.failed")));
    }

    @Test
    void tooManyWrongCodesEndTheSignInAndAnExpiredChallengeIsRefused() {
        Account withTotp = accounts.update(accounts.findById(sam.id()).orElseThrow()
                .withTotp(box.seal(new byte[20], sam.id()), -1));
        assertTrue(withTotp.hasTotp());
        String right = codeFor(new byte[20], clock);
        String wrong = right.equals("000000") ? "111111" : "000000";
        SignIn signIn = signIn(false);
        SignInStep.Pending step = (SignInStep.Pending) signIn.login("sam", PASSWORD, "10.0.0.1");
        for (int i = 1; i < SignIn.MAX_CODE_ATTEMPTS; i++) {
            assertThrows(AccountException.class, () -> signIn.code(step.challenge(), wrong));
        }
        assertThrows(AccountException.class, () -> signIn.code(step.challenge(), wrong));
        assertThrows(AccountException.class, () -> signIn.code(step.challenge(), right), "the challenge is gone");

        SignInStep.Pending late = (SignInStep.Pending) signIn.login("sam", PASSWORD, "10.0.0.1");
        clock.advance(SignIn.CHALLENGE_TTL);
        String nowRight = codeFor(new byte[20], clock);
        assertThrows(AccountException.class, () -> signIn.code(late.challenge(), nowRight));
    }

    @Test
    void aSecretSealedForOneAccountDoesNotWorkForAnother() {
        String sealed = box.seal(new byte[20], sam.id());
        assertTrue(box.open(sealed, sam.id()).isPresent());
        assertTrue(box.open(sealed, admin.id()).isEmpty());
        assertTrue(new SecretBox(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).open(sealed, sam.id()).isEmpty());
    }

    @Test
    void underRequireMfaAnAdminSetsUpTwoStepDuringSignInAndCannotTurnItOff() {
        SignIn signIn = signIn(true);
        SignInStep.Pending step = assertInstanceOf(SignInStep.Pending.class, signIn.login("admin", ADMIN_PASSWORD, "10.0.0.1"));
        assertEquals(SignInStep.Next.TOTP_ENROLMENT, step.next());
        TwoStep.Enrolment enrolment = signIn.beginEnrolment(step.challenge());
        SignedIn signedIn = signIn.confirmEnrolment(step.challenge(), code(enrolment, clock)).signedIn();
        assertTrue(signedIn.account().hasTotp());

        OwnAccount own = own(true);
        assertEquals(AccountException.MFA_REQUIRED, assertThrows(AccountException.class,
                () -> own.turnOffTwoStep(signedIn, ADMIN_PASSWORD)).code());
        clock.advance(Duration.ofSeconds(30));
        SignInStep.Pending next = (SignInStep.Pending) signIn.login("admin", ADMIN_PASSWORD, "10.0.0.1");
        assertEquals(SignInStep.Next.TOTP, next.next());

        // A facilitator is not asked; HEARTH_REQUIRE_MFA is for admins.
        signIn.login("sam", PASSWORD, "10.0.0.1").signedIn();
    }

    @Test
    void aFacilitatorMayTurnTwoStepOffWithThePassword() {
        SignedIn signedIn = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        OwnAccount own = own(false);
        TwoStep.Enrolment enrolment = own.beginTwoStep(signedIn, PASSWORD);
        own.confirmTwoStep(signedIn, code(enrolment, clock));
        assertThrows(AccountException.class, () -> own.turnOffTwoStep(signedIn, "not my password!"));
        own.turnOffTwoStep(signedIn, PASSWORD);
        assertFalse(accounts.findById(sam.id()).orElseThrow().hasTotp());
        signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        assertTrue(auditTypes().contains("mfa.disabled"));
    }

    @Test
    void anAccountsFileOfVersionOneIsStillRead(@TempDir Path old) throws Exception {
        java.nio.file.Files.writeString(old.resolve(AccountStore.FILE_NAME), "{\"version\":1,\"accounts\":[{\"id\":\"a-1\","
                + "\"username\":\"robin\",\"role\":\"FACILITATOR\",\"passwordHash\":\"h\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]}");
        Account robin = AccountStore.open(old, clock).findById("a-1").orElseThrow();
        assertFalse(robin.disabled());
        assertFalse(robin.passwordChangeRequired());
        assertFalse(robin.hasTotp());
        assertEquals(-1, robin.lastTotpStep());
    }

    @Test
    void anAdminTurnsOffTheTwoStepSignInOfAFacilitatorWhoLostTheirPhone() {
        SignedIn signedIn = signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        OwnAccount own = own(false);
        TwoStep.Enrolment enrolment = own.beginTwoStep(signedIn, PASSWORD);
        own.confirmTwoStep(signedIn, code(enrolment, clock));
        assertTrue(accounts.findById(sam.id()).orElseThrow().hasTotp());

        assertEquals(AccountException.FORBIDDEN, assertThrows(AccountException.class,
                () -> facilitators.turnOffTwoStep(sam, sam.id())).code());
        facilitators.turnOffTwoStep(admin, sam.id());
        assertFalse(accounts.findById(sam.id()).orElseThrow().hasTotp());
        assertTrue(sessions.use(signedIn.session().id()).isEmpty(), "signed out, as after every admin change");
        signIn(false).login("sam", PASSWORD, "10.0.0.1").signedIn();
        assertTrue(auditTypes().contains("facilitator.two-step-off"));
    }

    @Test
    void theNewPasswordStepCannotJumpAheadOfTheCode() {
        accounts.update(accounts.findById(sam.id()).orElseThrow().withTotp(box.seal(new byte[20], sam.id()), -1));
        facilitators.requirePasswordReset(admin, sam.id(), Optional.empty());
        SignIn signIn = signIn(false);
        SignInStep.Pending step = (SignInStep.Pending) signIn.login("sam", PASSWORD, "10.0.0.1");
        assertEquals(SignInStep.Next.TOTP, step.next());
        assertEquals(AccountException.SIGN_IN_EXPIRED, assertThrows(AccountException.class,
                () -> signIn.newPassword(step.challenge(), "a brand new passphrase")).code());
        assertTrue(PasswordHasherTest.LIGHT.verify(PASSWORD, accounts.findById(sam.id()).orElseThrow().passwordHash()));

        SignInStep.Pending again = (SignInStep.Pending) signIn.login("sam", PASSWORD, "10.0.0.1");
        SignInStep.Pending next = (SignInStep.Pending) signIn.code(again.challenge(), codeFor(new byte[20], clock));
        assertEquals(SignInStep.Next.NEW_PASSWORD, next.next());
        signIn.newPassword(next.challenge(), "a brand new passphrase").signedIn();
    }

    @Test
    void underRequireMfaTheNewPasswordWaitsUntilTwoStepIsSetUp() {
        accounts.update(accounts.findById(admin.id()).orElseThrow().withPasswordChangeRequired(true));
        SignIn signIn = signIn(true);
        SignInStep.Pending step = (SignInStep.Pending) signIn.login("admin", ADMIN_PASSWORD, "10.0.0.1");
        assertEquals(SignInStep.Next.TOTP_ENROLMENT, step.next());
        assertEquals(AccountException.SIGN_IN_EXPIRED, assertThrows(AccountException.class,
                () -> signIn.newPassword(step.challenge(), "a brand new passphrase")).code());
        assertTrue(PasswordHasherTest.LIGHT.verify(ADMIN_PASSWORD, accounts.findById(admin.id()).orElseThrow().passwordHash()));
    }
}

package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What every signed-in staff member does with their own account: change the password and turn the two-step
 * sign-in on or off. Each change needs the current password (or, to confirm an app, a code from it), so a browser
 * left signed in is not enough to take the account over.
 */
public final class OwnAccount {

    /** How long a secret shown for setting up waits for its first code. */
    public static final Duration ENROLMENT_TTL = Duration.ofMinutes(10);

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionRegistry sessions;
    private final TwoStep twoStep;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Map<String, PendingEnrolment> enrolments = new HashMap<>();

    private record PendingEnrolment(TwoStep.Enrolment enrolment, Instant startedAt) {
    }

    public OwnAccount(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, TwoStep twoStep,
                      AuditLog audit, Clock clock, LoginThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.twoStep = twoStep;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** A new password; the account's other signed-in browsers are signed out, this one stays. */
    public void changePassword(SignedIn signedIn, String currentPassword, String newPassword) {
        Account account = fresh(signedIn);
        requirePassword(account, currentPassword);
        Credentials.requireStrongPassword(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new AccountException(AccountException.WEAK_PASSWORD, "Choose a password other than the one you had.");
        }
        accounts.update(account.withPassword(hasher.hash(newPassword), false));
        sessions.closeOthersOf(account.id(), signedIn.session().id());
        audit.append("password.changed", account.id(), account.id(), Map.of());
    }

    /** A fresh secret to scan or type into an authenticator app; shown once, kept only until confirmed. */
    public TwoStep.Enrolment beginTwoStep(SignedIn signedIn, String currentPassword) {
        Account account = fresh(signedIn);
        requirePassword(account, currentPassword);
        TwoStep.Enrolment enrolment = twoStep.newEnrolment(account);
        synchronized (enrolments) {
            enrolments.put(account.id(), new PendingEnrolment(enrolment, clock.instant()));
        }
        return enrolment;
    }

    /** The first code from the app: two-step sign-in is on from the next sign-in. */
    public void confirmTwoStep(SignedIn signedIn, String code) {
        Account account = fresh(signedIn);
        PendingEnrolment pending;
        synchronized (enrolments) {
            pending = enrolments.get(account.id());
        }
        if (pending == null || !clock.instant().isBefore(pending.startedAt().plus(ENROLMENT_TTL))) {
            throw new AccountException(AccountException.INVALID_CODE,
                    "Setting up took too long. Start again to get a new secret.");
        }
        twoStep.enrol(account, pending.enrolment(), code);
        synchronized (enrolments) {
            enrolments.remove(account.id());
        }
        audit.append("mfa.enabled", account.id(), account.id(), Map.of());
    }

    /** Off again, with the password; refused ({@code mfa-required}) for an admin under HEARTH_REQUIRE_MFA. */
    public void turnOffTwoStep(SignedIn signedIn, String currentPassword) {
        Account account = fresh(signedIn);
        requirePassword(account, currentPassword);
        if (twoStep.requiredFor(account)) {
            throw new AccountException(AccountException.MFA_REQUIRED,
                    "Admins of this server must keep two-step sign-in on.");
        }
        if (account.hasTotp()) {
            twoStep.remove(account);
            audit.append("mfa.disabled", account.id(), account.id(), Map.of());
        }
    }

    public boolean twoStepRequired(Account account) {
        return twoStep.requiredFor(account);
    }

    private Account fresh(SignedIn signedIn) {
        return accounts.findById(signedIn.account().id()).orElseThrow(AccountException::notSignedIn);
    }

    /**
     * Wrong current password: {@code wrong-password}, audited like a failed sign-in, and slowed down like one, so a
     * browser left signed in cannot be used to guess the password.
     */
    private void requirePassword(Account account, String password) {
        LoginThrottle.Attempt attempt = throttle.begin(account.username(), THROTTLE_ADDRESS + account.id());
        if (!hasher.verify(password == null ? "" : password, account.passwordHash())) {
            attempt.failed();
            audit.append("password.check-failed", account.id(), account.id(), Map.of());
            throw new AccountException(AccountException.WRONG_PASSWORD, "Your current password is not correct.");
        }
        attempt.succeeded();
    }

    /** Checks of the current password count apart from sign-ins, and per account. */
    private static final String THROTTLE_ADDRESS = "own-account:";
}

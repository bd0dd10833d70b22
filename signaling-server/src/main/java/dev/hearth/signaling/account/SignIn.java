package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-in and sign-out, with the steps that may follow the password: the two-step code (TOTP), setting it
 * up when HEARTH_REQUIRE_MFA asks an admin for it, and a new password an admin asked for. Every password attempt
 * that is not rate-limited costs one Argon2 computation, whether or not the username exists, so response time does
 * not tell which usernames are real. A session opens only after the last step.
 *
 * <p>Between steps the browser holds a random challenge, valid for {@link #CHALLENGE_TTL} and for
 * {@link #MAX_CODE_ATTEMPTS} wrong codes; then the person starts again with the password (which is rate-limited),
 * so codes cannot be guessed at leisure. A step that succeeds answers with a new challenge; one refused for a
 * wrong code or a weak password may be tried again with the same.
 */
public final class SignIn {

    public static final String UNKNOWN_ACTOR = "unknown";
    public static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    public static final int MAX_CODE_ATTEMPTS = 5;
    /** Pending sign-ins kept at most; the oldest goes first, so memory stays bounded. */
    static final int MAX_PENDING = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionRegistry sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final TwoStep twoStep;
    private final Clock clock;
    /** Verified against when the username is unknown, with the same parameters as real hashes. */
    private final String dummyHash;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        final String accountId;
        final Instant createdAt;
        boolean codeDone;
        int wrongCodes;
        TwoStep.Enrolment enrolment;

        Pending(String accountId, Instant createdAt) {
            this.accountId = accountId;
            this.createdAt = createdAt;
        }
    }

    public SignIn(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, LoginThrottle throttle,
                  AuditLog audit, TwoStep twoStep, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.twoStep = twoStep;
        this.clock = clock;
        this.dummyHash = hasher.hash("not a password anyone can use " + System.nanoTime());
    }

    /**
     * Checks the password, then says what comes next, or throws {@code bad-credentials} (same message for unknown
     * user and wrong password), {@code account-disabled} (only after the right password, so it tells nothing to
     * someone guessing) or {@link RateLimitedException}. {@code clientAddress} is the address the request came
     * from: failures delay only the same username from the same address (see {@link LoginThrottle}), so nobody can
     * keep an account's owner out by guessing from elsewhere.
     */
    public SignInStep login(String username, String password, String clientAddress) {
        Optional<String> canonical = canonical(username);
        String throttleKey = canonical.orElse(null);
        // Refusals while limited are not audited: they are cheap to cause, and each audit entry is
        // forced to disk. The failures that led to the limit are in the log already.
        LoginThrottle.Attempt attempt = throttle.begin(throttleKey, clientAddress);
        Optional<Account> account;
        boolean passwordMatches;
        try {
            account = canonical.flatMap(accounts::findByUsername);
            passwordMatches = hasher.verify(password == null ? "" : password,
                    account.map(Account::passwordHash).orElse(dummyHash));
        } catch (RuntimeException e) {
            attempt.failed();
            throw e;
        }
        if (account.isEmpty() || !passwordMatches) {
            attempt.failed();
            String actor = account.map(Account::id).orElse(UNKNOWN_ACTOR);
            audit.append("login.failed", actor, actor,
                    Map.of("reason", account.isEmpty() ? "unknown-username" : "wrong-password"));
            log.info("login failed account={}", actor);
            throw AccountException.badCredentials();
        }
        attempt.succeeded();
        if (account.get().disabled()) {
            audit.append("login.failed", account.get().id(), account.get().id(), Map.of("reason", "disabled"));
            log.info("login refused account={} reason=disabled", account.get().id());
            throw disabled();
        }
        return next(account.get(), new Pending(account.get().id(), clock.instant()));
    }

    /** The code from the authenticator app, for a sign-in waiting on {@link SignInStep.Next#TOTP}. */
    public SignInStep code(String challenge, String code) {
        Pending step = take(challenge);
        Account account = liveAccount(step);
        if (!account.hasTotp() || step.codeDone) {
            throw expiredChallenge();
        }
        if (!twoStep.verify(account, code)) {
            wrongCode(challenge, step, account);
        }
        step.codeDone = true;
        return next(account, step);
    }

    /** A fresh secret to set up in the app, for a sign-in waiting on {@link SignInStep.Next#TOTP_ENROLMENT}. */
    public TwoStep.Enrolment beginEnrolment(String challenge) {
        Pending step = take(challenge);
        Account account = liveAccount(step);
        if (account.hasTotp() || !twoStep.requiredFor(account)) {
            throw expiredChallenge();
        }
        synchronized (this) {
            step.enrolment = twoStep.newEnrolment(account);
            pending.put(challenge, step);
        }
        return step.enrolment;
    }

    /** The first code from the app just set up: two-step sign-in is on, and the sign-in goes on. */
    public SignInStep confirmEnrolment(String challenge, String code) {
        Pending step = take(challenge);
        Account account = liveAccount(step);
        if (step.enrolment == null || account.hasTotp()) {
            throw expiredChallenge();
        }
        try {
            twoStep.enrol(account, step.enrolment, code);
        } catch (AccountException wrong) {
            wrongCode(challenge, step, account);
        }
        audit.append("mfa.enabled", account.id(), account.id(), Map.of("during", "sign-in"));
        step.codeDone = true;
        step.enrolment = null;
        return next(accounts.findById(account.id()).orElseThrow(AccountException::badCredentials), step);
    }

    /** The new password an admin asked for, for a sign-in waiting on {@link SignInStep.Next#NEW_PASSWORD}. */
    public SignInStep newPassword(String challenge, String newPassword) {
        Pending step = take(challenge);
        Account account = liveAccount(step);
        // Steps come in order: a new password is taken only once the code (or its set-up) is done.
        boolean codeDue = account.hasTotp() ? !step.codeDone : twoStep.requiredFor(account);
        if (!account.passwordChangeRequired() || codeDue) {
            throw expiredChallenge();
        }
        try {
            Credentials.requireStrongPassword(newPassword);
        } catch (AccountException weak) {
            keep(challenge, step);
            throw weak;
        }
        if (hasher.verify(newPassword, account.passwordHash())) {
            keep(challenge, step);
            throw new AccountException(AccountException.WEAK_PASSWORD, "Choose a password other than the one you had.");
        }
        Account changed = accounts.update(account.withPassword(hasher.hash(newPassword), false));
        audit.append("password.changed", changed.id(), changed.id(), Map.of("during", "sign-in"));
        return next(changed, step);
    }

    public void logout(Session session) {
        sessions.close(session.id());
        audit.append("logout", session.accountId(), session.accountId(), Map.of());
    }

    private SignInStep next(Account account, Pending step) {
        if (account.hasTotp() && !step.codeDone) {
            return pending(step, SignInStep.Next.TOTP);
        }
        if (!account.hasTotp() && twoStep.requiredFor(account)) {
            return pending(step, SignInStep.Next.TOTP_ENROLMENT);
        }
        if (account.passwordChangeRequired()) {
            return pending(step, SignInStep.Next.NEW_PASSWORD);
        }
        Session session = sessions.open(account);
        audit.append("login.succeeded", account.id(), account.id(),
                Map.of("twoStep", Boolean.toString(account.hasTotp())));
        log.info("login succeeded account={}", account.id());
        return new SignInStep.Done(new SignedIn(account, session));
    }

    private synchronized SignInStep pending(Pending step, SignInStep.Next next) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String challenge = ENCODER.encodeToString(bytes);
        keep(challenge, step);
        return new SignInStep.Pending(challenge, next);
    }

    private synchronized void keep(String challenge, Pending step) {
        while (pending.size() >= MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        pending.put(challenge, step);
    }

    /** Each challenge is used once: every step answers with a new one, so a challenge seen twice is a replay. */
    private synchronized Pending take(String challenge) {
        Pending step = challenge == null ? null : pending.remove(challenge);
        if (step == null || !clock.instant().isBefore(step.createdAt.plus(CHALLENGE_TTL))) {
            throw expiredChallenge();
        }
        return step;
    }

    private Account liveAccount(Pending step) {
        Account account = accounts.findById(step.accountId).orElseThrow(SignIn::expiredChallenge);
        if (account.disabled()) {
            throw disabled();
        }
        return account;
    }

    /** Counts a wrong code; the sign-in can go on with the same challenge until there were too many. */
    private void wrongCode(String challenge, Pending step, Account account) {
        step.wrongCodes++;
        audit.append("login.failed", account.id(), account.id(), Map.of("reason", "wrong-code"));
        log.info("login failed account={} reason=wrong-code", account.id());
        if (step.wrongCodes >= MAX_CODE_ATTEMPTS) {
            throw new AccountException(AccountException.SIGN_IN_EXPIRED,
                    "That code was not right several times. Please sign in again with your password.");
        }
        keep(challenge, step);
        throw TwoStep.invalidCode();
    }

    private static AccountException expiredChallenge() {
        return new AccountException(AccountException.SIGN_IN_EXPIRED,
                "This sign-in took too long or was already used. Please sign in again.");
    }

    private static AccountException disabled() {
        return new AccountException(AccountException.ACCOUNT_DISABLED,
                "This account is switched off. Ask an admin to switch it on again.");
    }

    private static Optional<String> canonical(String username) {
        try {
            return Optional.of(Credentials.normalizeUsername(username));
        } catch (AccountException invalid) {
            return Optional.empty();
        }
    }
}

package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-in and sign-out. Every attempt that is not rate-limited costs one Argon2 computation,
 * whether or not the username exists, so response time does not tell which usernames are real.
 */
public final class SignIn {

    public static final String UNKNOWN_ACTOR = "unknown";

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionRegistry sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    /** Verified against when the username is unknown, with the same parameters as real hashes. */
    private final String dummyHash;

    public SignIn(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, LoginThrottle throttle,
                  AuditLog audit) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.dummyHash = hasher.hash("not a password anyone can use " + System.nanoTime());
    }

    /**
     * Signs in, or throws {@code bad-credentials} (same message for unknown user and wrong password)
     * or {@link RateLimitedException}. {@code clientAddress} is the address the request came from: failures
     * delay only the same username from the same address (see {@link LoginThrottle}), so nobody can keep an
     * account's owner out by guessing from elsewhere.
     */
    public SignedIn login(String username, String password, String clientAddress) {
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
        Session session = sessions.open(account.get());
        audit.append("login.succeeded", account.get().id(), account.get().id(), Map.of());
        log.info("login succeeded account={}", account.get().id());
        return new SignedIn(account.get(), session);
    }

    public void logout(Session session) {
        sessions.close(session.id());
        audit.append("logout", session.accountId(), session.accountId(), Map.of());
    }

    private static Optional<String> canonical(String username) {
        try {
            return Optional.of(Credentials.normalizeUsername(username));
        } catch (AccountException invalid) {
            return Optional.empty();
        }
    }
}

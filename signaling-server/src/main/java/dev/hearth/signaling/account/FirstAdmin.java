package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure there is, or can safely become, an admin account named {@code admin} — without any
 * default password. Either the operator sets {@code HEARTH_ADMIN_PASSWORD} for the first start, or
 * the server prints a one-time setup code and whoever can read the console completes setup with it.
 */
public final class FirstAdmin {

    public static final String ADMIN_USERNAME = "admin";
    /** Per client address in the throttle's window; the code cannot be guessed anyway, this keeps noise down. */
    private static final int MAX_SETUP_FAILURES = 5;

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final LoginThrottle setupThrottle;
    private final SetupCode setupCode;
    private final SecureRandom random = new SecureRandom();

    public FirstAdmin(AccountStore accounts, PasswordHasher hasher, AuditLog audit, Path dataDir, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.setupThrottle = new LoginThrottle(clock, LoginThrottle.Limits.DEFAULT.withMaxPerAddress(MAX_SETUP_FAILURES));
        this.setupCode = new SetupCode(dataDir);
    }

    /** Runs once at start-up. The returned notice says what to print on the console. */
    public synchronized StartupNotice prepare(Optional<String> environmentPassword) {
        if (accounts.hasAdmin()) {
            setupCode.burn();
            if (environmentPassword.isPresent()) {
                log.info("admin account exists; HEARTH_ADMIN_PASSWORD was ignored and the stored credentials are unchanged");
                return notice(StartupNotice.Kind.ENVIRONMENT_PASSWORD_IGNORED, null);
            }
            return notice(StartupNotice.Kind.ADMIN_EXISTS, null);
        }
        if (environmentPassword.isPresent()) {
            Credentials.requireStrongPassword(environmentPassword.get());
            Account admin = accounts.create(ADMIN_USERNAME, Role.ADMIN, hasher.hash(environmentPassword.get()));
            setupCode.burn();
            audit.append("admin.created", "environment", admin.id(), Map.of("via", "HEARTH_ADMIN_PASSWORD"));
            log.info("admin account created from HEARTH_ADMIN_PASSWORD account={}", admin.id());
            return notice(StartupNotice.Kind.ADMIN_CREATED_FROM_ENVIRONMENT, null);
        }
        if (setupCode.pendingSince().isPresent()) {
            log.info("no admin account yet; the setup code issued earlier is still valid");
            return notice(StartupNotice.Kind.SETUP_CODE_PENDING, null);
        }
        SetupCode.Issued issued = setupCode.issue(random, clock.instant());
        // The code itself goes to the console only (see StartupNotice), never into the log.
        log.info("no admin account yet; a one-time setup code was printed on the console");
        return notice(StartupNotice.Kind.SETUP_CODE_ISSUED, issued);
    }

    public synchronized boolean setupNeeded() {
        return !accounts.hasAdmin();
    }

    /**
     * Creates the admin with the console's setup code and burns the code. Wrong codes are limited per
     * client address; a weak password is refused without using up the code.
     */
    public synchronized Account completeSetup(String code, String password, String clientAddress) {
        if (accounts.hasAdmin()) {
            throw new AccountException(AccountException.SETUP_DONE, "Setup is already complete. Please sign in.");
        }
        LoginThrottle.Attempt attempt = setupThrottle.begin(null, clientAddress);
        boolean codeMatches;
        try {
            codeMatches = setupCode.matches(code);
        } catch (RuntimeException e) {
            attempt.failed();
            throw e;
        }
        if (!codeMatches) {
            attempt.failed();
            audit.append("setup.failed", SignIn.UNKNOWN_ACTOR, "setup", Map.of());
            throw new AccountException(AccountException.INVALID_SETUP_CODE,
                    "That setup code is not correct. Use the code printed on the server console.");
        }
        // A right code is not a failure, even if the password below is refused.
        attempt.succeeded();
        Credentials.requireStrongPassword(password);
        Account admin = accounts.create(ADMIN_USERNAME, Role.ADMIN, hasher.hash(password));
        setupCode.burn();
        audit.append("setup.completed", admin.id(), admin.id(), Map.of());
        log.info("setup completed; admin account created account={}", admin.id());
        return admin;
    }

    private StartupNotice notice(StartupNotice.Kind kind, SetupCode.Issued issued) {
        Optional<SetupCode.Issued> code = Optional.ofNullable(issued);
        return new StartupNotice(kind, code.map(SetupCode.Issued::code),
                code.map(SetupCode.Issued::issuedAt).or(setupCode::pendingSince), setupCode.file());
    }
}

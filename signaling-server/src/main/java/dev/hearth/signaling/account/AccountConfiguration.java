package dev.hearth.signaling.account;

import dev.hearth.relay.recording.MasterKey;
import dev.hearth.signaling.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import dev.hearth.signaling.config.HearthSettings;
import java.io.PrintStream;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the account core from {@link HearthSettings}. Argon2 cost can be lowered with
 * {@code hearth.argon2.*} properties (tests do); production keeps OWASP's minimum.
 * A {@link Clock} bean, when exactly one exists, replaces the system clock (tests use a mutable one).
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    @Bean
    PasswordHasher passwordHasher(
            @Value("${hearth.argon2.memory-kib:" + PasswordHasher.DEFAULT_MEMORY_KIB + "}") int memoryKiB,
            @Value("${hearth.argon2.iterations:" + PasswordHasher.DEFAULT_ITERATIONS + "}") int iterations,
            @Value("${hearth.argon2.parallelism:" + PasswordHasher.DEFAULT_PARALLELISM + "}") int parallelism) {
        return new PasswordHasher(memoryKiB, iterations, parallelism);
    }

    @Bean
    AccountStore accountStore(HearthSettings settings, Clock clock) {
        return AccountStore.open(settings.dataDir(), clock);
    }

    @Bean
    SessionRegistry sessionRegistry(HearthSettings settings, Clock clock) {
        return new SessionRegistry(clock, settings.idleLogoff());
    }

    @Bean
    SessionSweep sessionSweep(SessionRegistry sessions) {
        return new SessionSweep(sessions);
    }

    @Bean
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    /**
     * Two-step secrets are sealed under a key derived from the master key (HEARTH_MASTER_KEY, or the master.key file
     * the recording archive made), so moving the master key out of the data directory protects them too. The
     * {@code MasterKey} bean is asked for first so the file exists.
     */
    @Bean
    SecretBox staffSecretBox(HearthSettings settings, MasterKey masterKey) {
        String base64;
        try {
            base64 = settings.masterKey().isPresent() ? settings.masterKey().get()
                    : Files.readString(settings.dataDir().resolve(MasterKey.FILE_NAME), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key for two-step sign-in secrets", e);
        }
        byte[] raw = Base64.getDecoder().decode(base64.trim());
        try {
            return new SecretBox(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Bean
    TwoStep twoStep(AccountStore accounts, SecretBox box, Clock clock, HearthSettings settings) {
        return new TwoStep(accounts, box, clock, settings.requireMfa());
    }

    @Bean
    SignIn signIn(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, LoginThrottle throttle,
                  AuditLog audit, TwoStep twoStep, Clock clock) {
        return new SignIn(accounts, hasher, sessions, throttle, audit, twoStep, clock);
    }

    @Bean
    OwnAccount ownAccount(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, TwoStep twoStep,
                          AuditLog audit, Clock clock, LoginThrottle throttle) {
        return new OwnAccount(accounts, hasher, sessions, twoStep, audit, clock, throttle);
    }

    @Bean
    FacilitatorAccounts facilitatorAccounts(AccountStore accounts, PasswordHasher hasher, AuditLog audit,
                                            SessionRegistry sessions) {
        return new FacilitatorAccounts(accounts, hasher, audit, sessions);
    }

    @Bean
    FirstAdmin firstAdmin(AccountStore accounts, PasswordHasher hasher, AuditLog audit, HearthSettings settings,
                          Clock clock) {
        return new FirstAdmin(accounts, hasher, audit, settings.dataDir(), clock);
    }

    @Bean
    StartupNotice firstAdminNotice(FirstAdmin firstAdmin, HearthSettings settings) {
        return firstAdmin.prepare(settings.adminPassword());
    }

    /** Printed when the server is ready, so the code is the last thing on the console, not lost in start-up lines. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> firstAdminAnnouncement(StartupNotice notice) {
        PrintStream console = System.out;
        return event -> notice.consoleText().ifPresent(text -> {
            console.println(text);
            console.flush();
        });
    }
}

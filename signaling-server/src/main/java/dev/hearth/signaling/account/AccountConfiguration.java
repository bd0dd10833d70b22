package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.AuditLog;
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

    @Bean
    SignIn signIn(AccountStore accounts, PasswordHasher hasher, SessionRegistry sessions, LoginThrottle throttle,
                  AuditLog audit) {
        return new SignIn(accounts, hasher, sessions, throttle, audit);
    }

    @Bean
    FacilitatorAccounts facilitatorAccounts(AccountStore accounts, PasswordHasher hasher, AuditLog audit) {
        return new FacilitatorAccounts(accounts, hasher, audit);
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

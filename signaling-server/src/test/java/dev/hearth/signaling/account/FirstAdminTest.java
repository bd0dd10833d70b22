package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminTest {

    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private FirstAdmin firstAdmin() {
        return new FirstAdmin(AccountStore.open(dir, clock), PasswordHasherTest.LIGHT, AuditLog.open(dir, clock), dir, clock);
    }

    private AccountStore reopenedStore() {
        return AccountStore.open(dir, clock);
    }

    @Test
    void environmentPasswordCreatesTheAdminOnFirstStart() {
        FirstAdmin firstAdmin = firstAdmin();
        StartupNotice notice = firstAdmin.prepare(Optional.of(PASSWORD));
        assertEquals(StartupNotice.Kind.ADMIN_CREATED_FROM_ENVIRONMENT, notice.kind());
        assertTrue(notice.consoleText().isEmpty());
        assertFalse(firstAdmin.setupNeeded());
        Account admin = reopenedStore().findByUsername("admin").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(PasswordHasherTest.LIGHT.verify(PASSWORD, admin.passwordHash()));
    }

    @Test
    void environmentPasswordIsIgnoredOnceTheAdminExists() {
        firstAdmin().prepare(Optional.of(PASSWORD));
        StartupNotice second = firstAdmin().prepare(Optional.of("a different passphrase"));
        assertEquals(StartupNotice.Kind.ENVIRONMENT_PASSWORD_IGNORED, second.kind());
        Account admin = reopenedStore().findByUsername("admin").orElseThrow();
        assertTrue(PasswordHasherTest.LIGHT.verify(PASSWORD, admin.passwordHash()));
    }

    @Test
    void withoutEnvironmentPasswordAReadableOneTimeCodeIsPrintedAndOnlyItsHashStored() throws Exception {
        StartupNotice notice = firstAdmin().prepare(Optional.empty());
        assertEquals(StartupNotice.Kind.SETUP_CODE_ISSUED, notice.kind());
        String code = notice.setupCode().orElseThrow();
        assertTrue(code.matches("[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}"), code);
        assertTrue(notice.consoleText().orElseThrow().contains(code));
        assertFalse(notice.toString().contains(code));
        Path file = dir.resolve(SetupCode.FILE_NAME);
        assertFalse(Files.readString(file).contains(code.replace("-", "")));
        assertFalse(Files.readString(file).contains(code));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void setupWithTheCodeCreatesTheAdminAndBurnsTheCode() {
        FirstAdmin firstAdmin = firstAdmin();
        String code = firstAdmin.prepare(Optional.empty()).setupCode().orElseThrow();
        assertTrue(firstAdmin.setupNeeded());
        Account admin = firstAdmin.completeSetup(code, PASSWORD, "10.0.0.1");
        assertEquals("admin", admin.username());
        assertFalse(firstAdmin.setupNeeded());
        assertFalse(Files.exists(dir.resolve(SetupCode.FILE_NAME)));
        AccountException again = assertThrows(AccountException.class,
                () -> firstAdmin.completeSetup(code, PASSWORD, "10.0.0.1"));
        assertEquals(AccountException.SETUP_DONE, again.code());
        assertEquals(StartupNotice.Kind.ADMIN_EXISTS, firstAdmin().prepare(Optional.empty()).kind());
    }

    @Test
    void codeMayBeTypedInCapitalsOrWithoutHyphens() {
        FirstAdmin firstAdmin = firstAdmin();
        String code = firstAdmin.prepare(Optional.empty()).setupCode().orElseThrow();
        firstAdmin.completeSetup(" " + code.replace("-", " ").toUpperCase(Locale.ROOT) + " ", PASSWORD, "10.0.0.1");
        assertFalse(firstAdmin.setupNeeded());
    }

    @Test
    void restartBeforeSetupKeepsTheCodeValidAndOnlyRemindsOfIt() {
        String code = firstAdmin().prepare(Optional.empty()).setupCode().orElseThrow();
        clock.advance(Duration.ofHours(1));
        FirstAdmin afterRestart = firstAdmin();
        StartupNotice notice = afterRestart.prepare(Optional.empty());
        assertEquals(StartupNotice.Kind.SETUP_CODE_PENDING, notice.kind());
        assertTrue(notice.setupCode().isEmpty());
        String reminder = notice.consoleText().orElseThrow();
        assertFalse(reminder.contains(code));
        assertTrue(reminder.contains(SetupCode.FILE_NAME));
        afterRestart.completeSetup(code, PASSWORD, "10.0.0.1");
        assertFalse(afterRestart.setupNeeded());
    }

    @Test
    void wrongCodeIsRefusedAndWeakPasswordDoesNotUseUpTheCode() {
        FirstAdmin firstAdmin = firstAdmin();
        String code = firstAdmin.prepare(Optional.empty()).setupCode().orElseThrow();
        assertEquals(AccountException.INVALID_SETUP_CODE, assertThrows(AccountException.class,
                () -> firstAdmin.completeSetup("aaaa-bbbb-cccc-dddd", PASSWORD, "10.0.0.1")).code());
        assertEquals(AccountException.INVALID_SETUP_CODE, assertThrows(AccountException.class,
                () -> firstAdmin.completeSetup(null, PASSWORD, "10.0.0.1")).code());
        assertEquals(AccountException.WEAK_PASSWORD, assertThrows(AccountException.class,
                () -> firstAdmin.completeSetup(code, "short", "10.0.0.1")).code());
        firstAdmin.completeSetup(code, PASSWORD, "10.0.0.1");
        assertFalse(firstAdmin.setupNeeded());
    }

    @Test
    void repeatedWrongCodesFromOneAddressAreRateLimited() {
        FirstAdmin firstAdmin = firstAdmin();
        String code = firstAdmin.prepare(Optional.empty()).setupCode().orElseThrow();
        for (int i = 0; i < 5; i++) {
            assertThrows(AccountException.class, () -> firstAdmin.completeSetup("wrong", PASSWORD, "10.0.0.66"));
        }
        assertThrows(RateLimitedException.class, () -> firstAdmin.completeSetup(code, PASSWORD, "10.0.0.66"));
        firstAdmin.completeSetup(code, PASSWORD, "10.0.0.1");
    }

    @Test
    void environmentPasswordAfterAnIssuedCodeCreatesTheAdminAndRetiresTheCode() {
        String code = firstAdmin().prepare(Optional.empty()).setupCode().orElseThrow();
        FirstAdmin afterRestart = firstAdmin();
        assertEquals(StartupNotice.Kind.ADMIN_CREATED_FROM_ENVIRONMENT, afterRestart.prepare(Optional.of(PASSWORD)).kind());
        assertFalse(Files.exists(dir.resolve(SetupCode.FILE_NAME)));
        assertEquals(AccountException.SETUP_DONE, assertThrows(AccountException.class,
                () -> afterRestart.completeSetup(code, PASSWORD, "10.0.0.1")).code());
    }

    @Test
    void damagedCodeFileLeadsToAFreshCode() throws Exception {
        firstAdmin().prepare(Optional.empty());
        Files.writeString(dir.resolve(SetupCode.FILE_NAME), "garbage");
        StartupNotice notice = firstAdmin().prepare(Optional.empty());
        assertEquals(StartupNotice.Kind.SETUP_CODE_ISSUED, notice.kind());
    }
}

package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.audit.AuditEntry;
import dev.hearth.signaling.audit.AuditLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacilitatorAccountsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private AccountStore accounts;
    private AuditLog audit;
    private FacilitatorAccounts facilitators;
    private Account admin;

    @BeforeEach
    void setUp() {
        accounts = AccountStore.open(dir, clock);
        audit = AuditLog.open(dir, clock);
        facilitators = new FacilitatorAccounts(accounts, PasswordHasherTest.LIGHT, audit,
                new SessionRegistry(clock, java.time.Duration.ofMinutes(15)));
        admin = accounts.create("admin", Role.ADMIN, "h");
    }

    @Test
    void adminCreatesAFacilitatorWhoCanThenBeListed() {
        Account created = facilitators.create(admin, "Sam.Kim", "a long enough passphrase");
        assertEquals(Role.FACILITATOR, created.role());
        assertEquals("sam.kim", created.username());
        assertTrue(PasswordHasherTest.LIGHT.verify("a long enough passphrase", created.passwordHash()));
        assertEquals(List.of(created), facilitators.list(admin));
        AuditEntry entry = audit.page(0, 1).get(0);
        assertEquals("facilitator.created", entry.type());
        assertEquals(admin.id(), entry.actor());
        assertEquals(created.id(), entry.subject());
    }

    @Test
    void facilitatorMayNotManageAccounts() {
        Account facilitator = facilitators.create(admin, "sam", "a long enough passphrase");
        AccountException list = assertThrows(AccountException.class, () -> facilitators.list(facilitator));
        AccountException create = assertThrows(AccountException.class,
                () -> facilitators.create(facilitator, "kim", "a long enough passphrase"));
        assertEquals(AccountException.FORBIDDEN, list.code());
        assertEquals(AccountException.FORBIDDEN, create.code());
    }

    @Test
    void badInputIsRefusedWithItsCode() {
        facilitators.create(admin, "sam", "a long enough passphrase");
        assertEquals(AccountException.WEAK_PASSWORD,
                assertThrows(AccountException.class, () -> facilitators.create(admin, "kim", "short")).code());
        assertEquals(AccountException.INVALID_USERNAME,
                assertThrows(AccountException.class, () -> facilitators.create(admin, "k", "a long enough passphrase")).code());
        assertEquals(AccountException.USERNAME_TAKEN,
                assertThrows(AccountException.class, () -> facilitators.create(admin, "SAM", "a long enough passphrase")).code());
        assertEquals(AccountException.USERNAME_TAKEN,
                assertThrows(AccountException.class, () -> facilitators.create(admin, "admin", "a long enough passphrase")).code());
    }
}

package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void createdAccountsSurviveARestart() {
        AccountStore store = AccountStore.open(dir, clock);
        Account admin = store.create("Admin", Role.ADMIN, "$argon2id$hash-a");
        Account facilitator = store.create("sam.k", Role.FACILITATOR, "$argon2id$hash-f");

        AccountStore reopened = AccountStore.open(dir, clock);
        assertEquals(admin, reopened.findByUsername("admin").orElseThrow());
        assertEquals(facilitator, reopened.findById(facilitator.id()).orElseThrow());
        assertEquals(List.of(facilitator), reopened.withRole(Role.FACILITATOR));
        assertTrue(reopened.hasAdmin());
    }

    @Test
    void idsArePseudonymousAndUsernamesCanonical() {
        Account account = AccountStore.open(dir, clock).create(" Sam.K ", Role.FACILITATOR, "h");
        assertTrue(account.id().matches("a-[0-9a-f]{20}"), account.id());
        assertEquals("sam.k", account.username());
        assertEquals(clock.instant(), account.createdAt());
    }

    @Test
    void usernameTakenIgnoresCase() {
        AccountStore store = AccountStore.open(dir, clock);
        store.create("sam", Role.FACILITATOR, "h");
        AccountException e = assertThrows(AccountException.class, () -> store.create("SAM", Role.ADMIN, "h"));
        assertEquals(AccountException.USERNAME_TAKEN, e.code());
    }

    @Test
    void emptyDirectoryMeansNoAccounts() {
        AccountStore store = AccountStore.open(dir.resolve("new"), clock);
        assertFalse(store.hasAdmin());
        assertTrue(store.findByUsername("admin").isEmpty());
        assertTrue(store.findById(null).isEmpty());
    }

    @Test
    void fileIsOwnerOnlyAndHoldsNoTemporaryLeftovers() throws Exception {
        AccountStore.open(dir, clock).create("sam", Role.FACILITATOR, "h");
        Path file = dir.resolve(AccountStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void damagedFileStopsStartUpInsteadOfStartingEmpty() throws Exception {
        Files.writeString(dir.resolve(AccountStore.FILE_NAME), "{\"version\":1,\"accounts\":[{\"id\":");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AccountStore.open(dir, clock));
        assertTrue(e.getMessage().contains("backup"));
        Files.writeString(dir.resolve(AccountStore.FILE_NAME),
                "{\"version\":1,\"accounts\":[{\"id\":\"a-1\",\"username\":\"x\",\"role\":\"ADMIN\","
                        + "\"passwordHash\":\"h\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]}");
        assertThrows(IllegalStateException.class, () -> AccountStore.open(dir, clock));
    }

    @Test
    void concurrentCreatesKeepEveryAccountAndRejectDuplicates() throws Exception {
        AccountStore store = AccountStore.open(dir, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> taken = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            String username = "user" + (i % 20);
            pool.submit(() -> {
                start.await();
                try {
                    store.create(username, Role.FACILITATOR, "h");
                } catch (AccountException e) {
                    taken.add(username);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        assertEquals(20, store.withRole(Role.FACILITATOR).size());
        assertEquals(20, taken.size());
        assertEquals(20, AccountStore.open(dir, clock).withRole(Role.FACILITATOR).size());
    }

    @Test
    void accountTextNeverShowsTheHash() {
        Account account = AccountStore.open(dir, clock).create("sam", Role.FACILITATOR, "$argon2id$secret");
        assertFalse(account.toString().contains("secret"));
        assertFalse(account.toString().contains("sam"));
    }
}

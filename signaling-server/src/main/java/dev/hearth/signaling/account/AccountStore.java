package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.StrictJson;
import dev.hearth.signaling.audit.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All accounts, kept in memory and in {@code <dataDir>/accounts.json} (owner-only, replaced atomically
 * on every change), so a restart keeps them and a crash mid-write leaves the previous file intact.
 * A file that cannot be read stops start-up: guessing would risk locking staff out or letting in
 * someone who was removed.
 */
public final class AccountStore {

    public static final String FILE_NAME = "accounts.json";
    /** Version 2 added disabled, password-change and two-step fields; version 1 files are still read. */
    private static final int FORMAT_VERSION = 2;

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> byId = new LinkedHashMap<>();

    private AccountStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public static AccountStore open(Path dataDir, Clock clock) {
        AccountStore store = new AccountStore(dataDir.resolve(FILE_NAME), clock);
        store.load();
        return store;
    }

    public synchronized Optional<Account> findById(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Looks up by the canonical username (see {@link Credentials#normalizeUsername}). */
    public synchronized Optional<Account> findByUsername(String username) {
        return byId.values().stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public synchronized List<Account> withRole(Role role) {
        return byId.values().stream().filter(a -> a.role() == role).toList();
    }

    public synchronized boolean hasAdmin() {
        return byId.values().stream().anyMatch(a -> a.role() == Role.ADMIN);
    }

    /**
     * Creates and persists an account. The password must already be hashed: hashing is slow and
     * is done before taking this store's lock.
     */
    public synchronized Account create(String username, Role role, String passwordHash) {
        String canonical = Credentials.normalizeUsername(username);
        if (findByUsername(canonical).isPresent()) {
            throw new AccountException(AccountException.USERNAME_TAKEN, "That username is already in use.");
        }
        Account account = new Account(newId(), canonical, role, passwordHash,
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        byId.put(account.id(), account);
        try {
            save();
        } catch (RuntimeException e) {
            byId.remove(account.id());
            throw e;
        }
        return account;
    }

    /** Replaces a stored account (same id) and persists; the old one stays if saving fails. */
    public synchronized Account update(Account changed) {
        Account before = byId.get(changed.id());
        if (before == null) {
            throw new AccountException(AccountException.NOT_FOUND, "There is no such account.");
        }
        if (!before.username().equals(changed.username()) || before.role() != changed.role()) {
            throw new IllegalArgumentException("an update keeps the username and role");
        }
        byId.put(changed.id(), changed);
        try {
            save();
        } catch (RuntimeException e) {
            byId.put(before.id(), before);
            throw e;
        }
        return changed;
    }

    /** Removes an account for good; false when there was none. */
    public synchronized boolean delete(String id) {
        Account before = byId.remove(id);
        if (before == null) {
            return false;
        }
        try {
            save();
        } catch (RuntimeException e) {
            byId.put(before.id(), before);
            throw e;
        }
        return true;
    }

    private String newId() {
        byte[] bytes = new byte[10];
        String id;
        do {
            random.nextBytes(bytes);
            id = "a-" + HexFormat.of().formatHex(bytes);
        } while (byId.containsKey(id));
        return id;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Document document = StrictJson.readWithAbsentOptionals(Files.readString(file, StandardCharsets.UTF_8).strip(),
                    Document.class, "an accounts file");
            if (document.version() != 1 && document.version() != FORMAT_VERSION) {
                throw new IllegalStateException(file + " is not an accounts file of version 1 or " + FORMAT_VERSION);
            }
            for (Line entry : document.accounts()) {
                Account account = fromJson(entry);
                if (byId.containsKey(account.id()) || findByUsername(account.username()).isPresent()) {
                    throw new IllegalStateException(file + " lists an account twice");
                }
                byId.put(account.id(), account);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); restore it from a backup", e);
        }
    }

    /** The file as written. */
    record Document(long version, List<Line> accounts) {
    }

    /** One account as written; the optional fields are absent in version 1 files. */
    record Line(String id, String username, String role, String passwordHash, String createdAt,
                Optional<Boolean> disabled, Optional<Boolean> passwordChangeRequired, Optional<String> totpSecret,
                Optional<Long> lastTotpStep) {
    }

    private Account fromJson(Line entry) {
        try {
            return new Account(entry.id(), Credentials.normalizeUsername(entry.username()), Role.valueOf(entry.role()),
                    entry.passwordHash(), Instant.parse(entry.createdAt()), entry.disabled().orElse(false),
                    entry.passwordChangeRequired().orElse(false), entry.totpSecret(), entry.lastTotpStep().orElse(-1L));
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " holds an account that cannot be read", e);
        }
    }

    private void save() {
        List<Line> accounts = new ArrayList<>();
        for (Account account : byId.values()) {
            accounts.add(new Line(account.id(), account.username(), account.role().name(), account.passwordHash(),
                    account.createdAt().toString(), Optional.of(account.disabled()),
                    Optional.of(account.passwordChangeRequired()), account.sealedTotpSecret(),
                    Optional.of(account.lastTotpStep())));
        }
        try {
            PrivateFiles.writeAtomically(file, (StrictJson.write(new Document(FORMAT_VERSION, accounts)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}

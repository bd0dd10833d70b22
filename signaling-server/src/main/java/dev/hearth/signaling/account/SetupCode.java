package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.StrictJson;
import dev.hearth.signaling.audit.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-time code that lets the first person at the console create the admin account.
 * Only its SHA-256 is stored ({@code <dataDir>/setup-code.json}); the code itself exists once, on the
 * console. It has about 79 bits of entropy, so a fast hash is enough and guessing is hopeless even
 * before the rate limit.
 */
final class SetupCode {

    static final String FILE_NAME = "setup-code.json";
    // No 0/o, 1/l/i: the code is read off a terminal and typed by hand.
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 16;
    private static final int GROUP = 4;

    private final Path file;

    SetupCode(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    record Issued(String code, Instant issuedAt) {
        @Override
        public String toString() {
            return "Issued[issuedAt=" + issuedAt + "]";
        }
    }

    /** When the current code was issued, if one is waiting to be used. */
    Optional<Instant> pendingSince() {
        return readStored().map(stored -> Instant.parse(stored.issuedAt()));
    }

    Issued issue(SecureRandom random, Instant now) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        try {
            PrivateFiles.writeAtomically(file, StrictJson.write(new Stored(digest(normalize(code.toString())),
                    now.toString())).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Issued(code.toString(), now);
    }

    /** Constant-time comparison with the stored hash; false when no code is pending. */
    boolean matches(String candidate) {
        Optional<Stored> stored = readStored();
        if (stored.isEmpty() || candidate == null || candidate.length() > 64) {
            return false;
        }
        byte[] expected = stored.get().sha256().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = digest(normalize(candidate)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    void burn() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** The file as written: the code's hash, never the code, and when it was issued. */
    record Stored(String sha256, String issuedAt) {
    }

    private Optional<Stored> readStored() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Stored stored = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8).strip(), Stored.class,
                    "a setup code");
            if (stored.sha256().matches("[0-9a-f]{64}")) {
                Instant.parse(stored.issuedAt());
                return Optional.of(stored);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException damaged) {
            // Treated as absent below: a new code is issued, which is what the operator wants.
        }
        return Optional.empty();
    }

    /** People type codes with spaces, capitals or without the hyphens; all of those are the same code. */
    private static String normalize(String code) {
        return code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private static String digest(String normalizedCode) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("hearth-setup-code:" + normalizedCode).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.hearth.signaling.account;

import dev.hearth.signaling.audit.PlainJson;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
        return readStored().map(stored -> Instant.parse((String) stored.get("issuedAt")));
    }

    Issued issue(SecureRandom random, Instant now) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sha256", digest(normalize(code.toString())));
        json.put("issuedAt", now.toString());
        try {
            PrivateFiles.writeAtomically(file, PlainJson.write(json).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Issued(code.toString(), now);
    }

    /** Constant-time comparison with the stored hash; false when no code is pending. */
    boolean matches(String candidate) {
        Optional<Map<String, Object>> stored = readStored();
        if (stored.isEmpty() || candidate == null || candidate.length() > 64) {
            return false;
        }
        byte[] expected = ((String) stored.get().get("sha256")).getBytes(StandardCharsets.US_ASCII);
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

    private Optional<Map<String, Object>> readStored() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = PlainJson.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            if (json.get("sha256") instanceof String hash && hash.matches("[0-9a-f]{64}")
                    && json.get("issuedAt") instanceof String issuedAt) {
                Instant.parse(issuedAt);
                return Optional.of(json);
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

package dev.hearth.signaling.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for usernames and passwords, in one place so every way in applies the same ones. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Generous for passphrases, small enough that hashing cannot be turned into a CPU sink. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    // Checked before lower-casing, so look-alikes such as the Kelvin sign cannot fold into ASCII.
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");

    private Credentials() {
    }

    /** The canonical (lower-case) form of a username, or {@code invalid-username}. */
    public static String normalizeUsername(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        if (!USERNAME.matcher(trimmed).matches()) {
            throw new AccountException(AccountException.INVALID_USERNAME,
                    "A username has 3 to 32 characters: letters a-z, digits, dot, underscore or hyphen.");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public static void requireStrongPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new AccountException(AccountException.WEAK_PASSWORD,
                    "A password needs at least " + MIN_PASSWORD_LENGTH + " characters; a few unrelated words work well.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new AccountException(AccountException.WEAK_PASSWORD,
                    "A password may have at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            throw new AccountException(AccountException.WEAK_PASSWORD, "A password cannot be only spaces.");
        }
    }
}

package dev.hearth.signaling.account;

/**
 * A refused account operation. {@link #code()} is stable and meant for programs
 * ({@code invalid-username}, {@code weak-password}, {@code username-taken}, {@code bad-credentials},
 * {@code forbidden}, {@code not-signed-in}, {@code rate-limited}, {@code invalid-setup-code},
 * {@code setup-done}, {@code not-found}, {@code account-disabled}, {@code invalid-code}, {@code mfa-required},
 * {@code wrong-password}, {@code sign-in-expired});
 * the message is for people.
 */
public class AccountException extends RuntimeException {

    public static final String INVALID_USERNAME = "invalid-username";
    public static final String WEAK_PASSWORD = "weak-password";
    public static final String USERNAME_TAKEN = "username-taken";
    public static final String BAD_CREDENTIALS = "bad-credentials";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_SIGNED_IN = "not-signed-in";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String INVALID_SETUP_CODE = "invalid-setup-code";
    public static final String SETUP_DONE = "setup-done";
    public static final String NOT_FOUND = "not-found";
    /** The current password, asked again for a change to one's own account, was wrong. */
    public static final String WRONG_PASSWORD = "wrong-password";
    /** A later sign-in step whose challenge is unknown, used or too old: start again with the password. */
    public static final String SIGN_IN_EXPIRED = "sign-in-expired";
    public static final String ACCOUNT_DISABLED = "account-disabled";
    /** A two-step code that is wrong, too old, already used, or for a sign-in that is no longer pending. */
    public static final String INVALID_CODE = "invalid-code";
    /** HEARTH_REQUIRE_MFA: this account must keep its two-step sign-in. */
    public static final String MFA_REQUIRED = "mfa-required";

    private final String code;

    public AccountException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static AccountException badCredentials() {
        return new AccountException(BAD_CREDENTIALS, "The username or password is not correct.");
    }

    public static AccountException notSignedIn() {
        return new AccountException(NOT_SIGNED_IN, "Please sign in.");
    }

    public static AccountException forbidden() {
        return new AccountException(FORBIDDEN, "Your account may not do this.");
    }
}

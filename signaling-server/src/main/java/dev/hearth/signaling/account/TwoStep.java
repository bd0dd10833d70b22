package dev.hearth.signaling.account;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The two-step sign-in (TOTP) of staff accounts: making a secret to enrol, checking codes against an account's
 * sealed secret, and remembering the step of each accepted code so none works twice. Checking and remembering
 * happen under one lock, so two requests racing with the same code cannot both pass.
 */
public final class TwoStep {

    public static final String ISSUER = "Hearth";

    /** A secret shown once while setting up: as an {@code otpauth://} address and as base32 to type in. */
    public record Enrolment(byte[] secret, String base32, String uri) {
        /** The secret stays out of logs. */
        @Override
        public String toString() {
            return "Enrolment[]";
        }
    }

    private final AccountStore accounts;
    private final SecretBox box;
    private final Clock clock;
    private final boolean requiredForAdmins;

    public TwoStep(AccountStore accounts, SecretBox box, Clock clock, boolean requiredForAdmins) {
        this.accounts = accounts;
        this.box = box;
        this.clock = clock;
        this.requiredForAdmins = requiredForAdmins;
    }

    /** HEARTH_REQUIRE_MFA: admins must have it. */
    public boolean requiredFor(Account account) {
        return requiredForAdmins && account.role() == Role.ADMIN;
    }

    public Enrolment newEnrolment(Account account) {
        byte[] secret = Totp.newSecret();
        return new Enrolment(secret, Totp.base32(secret), Totp.uri(ISSUER, account.username(), secret));
    }

    /** Whether {@code code} is right for the account's own secret now; an accepted code is used up. */
    public synchronized boolean verify(Account account, String code) {
        Account current = accounts.findById(account.id()).orElseThrow(AccountException::badCredentials);
        Optional<byte[]> secret = current.sealedTotpSecret().flatMap(sealed -> box.open(sealed, current.id()));
        if (secret.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.verify(secret.get(), code, clock.instant(), current.lastTotpStep());
        if (step.isEmpty()) {
            return false;
        }
        accounts.update(current.withLastTotpStep(step.getAsLong()));
        return true;
    }

    /**
     * Turns two-step sign-in on with {@code enrolment}'s secret once {@code code} proves the app makes the same
     * codes; {@code invalid-code} otherwise.
     */
    public synchronized Account enrol(Account account, Enrolment enrolment, String code) {
        OptionalLong step = Totp.verify(enrolment.secret(), code, clock.instant(), -1);
        if (step.isEmpty()) {
            throw invalidCode();
        }
        Account current = accounts.findById(account.id()).orElseThrow(AccountException::badCredentials);
        return accounts.update(current.withTotp(box.seal(enrolment.secret(), current.id()), step.getAsLong()));
    }

    public synchronized Account remove(Account account) {
        Account current = accounts.findById(account.id()).orElseThrow(AccountException::badCredentials);
        return accounts.update(current.withoutTotp());
    }

    static AccountException invalidCode() {
        return new AccountException(AccountException.INVALID_CODE,
                "That code is not right. Type the 6 digits your authenticator app shows now.");
    }
}

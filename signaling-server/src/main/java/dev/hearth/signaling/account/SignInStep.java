package dev.hearth.signaling.account;

/**
 * Where a sign-in stands after a step: signed in, or waiting for one more thing from the same person, named by a
 * short-lived random {@code challenge} that only this browser was given.
 */
public sealed interface SignInStep {

    /** The session of a finished sign-in; {@link IllegalStateException} while a step is still due. */
    default SignedIn signedIn() {
        if (this instanceof Done done) {
            return done.session();
        }
        throw new IllegalStateException("the sign-in still waits for " + ((Pending) this).next());
    }

    record Done(SignedIn session) implements SignInStep {
        @Override
        public SignedIn signedIn() {
            return session;
        }
    }

    /** The challenge is a credential for a few minutes: never logged. */
    record Pending(String challenge, Next next) implements SignInStep {
        @Override
        public String toString() {
            return "Pending[next=" + next + "]";
        }
    }

    enum Next {
        /** The 6-digit code from the authenticator app. */
        TOTP("totp"),
        /** HEARTH_REQUIRE_MFA and an admin without two-step sign-in: set it up now. */
        TOTP_ENROLMENT("totp-enrolment"),
        /** An admin asked for a new password. */
        NEW_PASSWORD("new-password");

        private final String wire;

        Next(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}

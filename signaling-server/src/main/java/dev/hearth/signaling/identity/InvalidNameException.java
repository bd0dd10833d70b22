package dev.hearth.signaling.identity;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;

/**
 * A first name the rule refuses. The message explains what a first name is, plus a hint about what
 * went wrong; it never repeats the rejected text, because that text may be logged.
 */
public final class InvalidNameException extends HearthException {

    static final String WHAT_A_FIRST_NAME_IS = "Please enter just your first name: letters only, up to "
            + FirstName.MAX_CODE_POINTS + " characters, one hyphen or apostrophe at most, no surname, "
            + "numbers, e-mail or phone number.";

    /** Why a name was refused; tests and metrics use it, people read {@link #getMessage()}. */
    public enum Reason {
        EMPTY("The name is empty."),
        TOO_LONG("That is longer than a first name can be."),
        TWO_NAMES("It looks like more than one name; your first name is enough."),
        EMAIL("It looks like an e-mail address."),
        PHONE_NUMBER("It looks like a phone number."),
        DIGITS("Numbers cannot be part of a first name."),
        SYMBOLS("Emoji, symbols and punctuation cannot be part of a first name."),
        INVISIBLE("The name contains invisible or control characters; please type it again."),
        HYPHEN_OR_APOSTROPHE("A hyphen or apostrophe may only appear once, between two letters."),
        ACCENTS("There are accent marks without a letter, or too many on one letter."),
        MIXED_SCRIPTS("Please use letters from one alphabet only."),
        RESERVED_WORD("That word is kept for roles and titles; please use your own first name.");

        private final String hint;

        Reason(String hint) {
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private final Reason reason;

    public InvalidNameException(Reason reason) {
        super(ErrorCode.INVALID_NAME, WHAT_A_FIRST_NAME_IS + " " + reason.hint());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

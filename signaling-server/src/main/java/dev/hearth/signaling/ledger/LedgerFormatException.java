package dev.hearth.signaling.ledger;

/** A ledger line or export document that is not exactly in the documented form; the message says what. */
public final class LedgerFormatException extends IllegalArgumentException {

    LedgerFormatException(String message) {
        super(message);
    }
}

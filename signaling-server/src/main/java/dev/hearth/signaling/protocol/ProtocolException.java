package dev.hearth.signaling.protocol;

/** A request the protocol layer refuses before it reaches a room; {@code code} is part of the protocol. */
final class ProtocolException extends RuntimeException {

    private final String code;

    ProtocolException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}

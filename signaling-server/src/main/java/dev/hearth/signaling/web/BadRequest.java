package dev.hearth.signaling.web;

/** Input the API refuses, answered as 400 {@code bad-request} with this message. */
public final class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }

    public String code() {
        return "bad-request";
    }
}

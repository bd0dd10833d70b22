package dev.hearth.signaling.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status for each stable error code. A code not listed here is a refusal of bad input
 * (400): codes are for expected failures; anything unexpected is a 500 without a code of its own.
 */
final class ErrorStatus {

    private static final Map<String, HttpStatus> BY_CODE = Map.ofEntries(
            Map.entry("bad-request", HttpStatus.BAD_REQUEST),
            // The firewall refused the address itself (web/security/HearthFirewall).
            Map.entry("rejected", HttpStatus.BAD_REQUEST),
            Map.entry("not-signed-in", HttpStatus.UNAUTHORIZED),
            Map.entry("bad-credentials", HttpStatus.UNAUTHORIZED),
            Map.entry("forbidden", HttpStatus.FORBIDDEN),
            Map.entry("csrf", HttpStatus.FORBIDDEN),
            Map.entry("invalid-setup-code", HttpStatus.FORBIDDEN),
            Map.entry("not-found", HttpStatus.NOT_FOUND),
            Map.entry("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
            Map.entry("username-taken", HttpStatus.CONFLICT),
            Map.entry("setup-done", HttpStatus.CONFLICT),
            Map.entry("room-locked", HttpStatus.CONFLICT),
            Map.entry("left-group", HttpStatus.FORBIDDEN),
            Map.entry("invite-expired", HttpStatus.GONE),
            Map.entry("invite-revoked", HttpStatus.GONE),
            Map.entry("room-archived", HttpStatus.CONFLICT),
            Map.entry("room-in-use", HttpStatus.CONFLICT),
            // A room's turn stayed busy past the wait bound, or the media relay did not carry out a decision.
            Map.entry("unavailable", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("relay-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
            // A recording of a room being deleted could not be destroyed: the server's fault, retried on request.
            Map.entry("shred-failed", HttpStatus.INTERNAL_SERVER_ERROR),
            Map.entry("account-disabled", HttpStatus.FORBIDDEN),
            // Not 401: the request may carry a live session; what failed is the code, the password or the step.
            Map.entry("wrong-password", HttpStatus.FORBIDDEN),
            Map.entry("sign-in-expired", HttpStatus.GONE),
            Map.entry("mfa-required", HttpStatus.FORBIDDEN),
            Map.entry("invalid-retention", HttpStatus.BAD_REQUEST),
            Map.entry("shredded", HttpStatus.GONE),
            // Stored recording data failed authentication: the server's data is damaged, not the request.
            Map.entry("corrupt", HttpStatus.INTERNAL_SERVER_ERROR),
            Map.entry("too-large", HttpStatus.PAYLOAD_TOO_LARGE),
            Map.entry("json-required", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry("rate-limited", HttpStatus.TOO_MANY_REQUESTS),
            Map.entry("internal", HttpStatus.INTERNAL_SERVER_ERROR));

    private ErrorStatus() {
    }

    static HttpStatus of(String code) {
        return BY_CODE.getOrDefault(code, HttpStatus.BAD_REQUEST);
    }
}

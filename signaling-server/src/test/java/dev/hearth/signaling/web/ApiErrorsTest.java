package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hearth.signaling.account.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ApiErrorsTest {

    /** Stands in for another team's domain exception: it only has a public code(). */
    public static class RoomLockedException extends RuntimeException {
        public RoomLockedException() {
            super("This room is locked.");
        }

        public String code() {
            return "room-locked";
        }
    }

    public static class UnknownCodeException extends RuntimeException {
        public UnknownCodeException() {
            super("Something about the input.");
        }

        public String code() {
            return "some-new-code";
        }
    }

    private final ApiErrors errors = new ApiErrors();

    @Test
    void anyExceptionWithACodeIsAnsweredWithThatCode() {
        ResponseEntity<ApiError> answer = errors.any(new RoomLockedException());
        assertEquals(409, answer.getStatusCode().value());
        assertEquals(new ApiError("room-locked", "This room is locked."), answer.getBody());
    }

    @Test
    void unlistedCodesAreTreatedAsBadInput() {
        assertEquals(400, errors.any(new UnknownCodeException()).getStatusCode().value());
    }

    @Test
    void rateLimitCarriesRetryAfterInWholeSeconds() {
        ResponseEntity<ApiError> answer = errors.any(new RateLimitedException(Duration.ofMillis(90_500)));
        assertEquals(429, answer.getStatusCode().value());
        assertEquals("91", answer.getHeaders().getFirst("Retry-After"));
    }

    @Test
    void unexpectedErrorsSayNothingAboutTheirCause() {
        ResponseEntity<ApiError> answer = errors.any(new IllegalStateException("secret detail"));
        assertEquals(500, answer.getStatusCode().value());
        assertEquals("internal", answer.getBody().code());
        assertFalse(answer.getBody().message().contains("secret"));
    }
}

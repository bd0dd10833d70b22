package dev.hearth.signaling.web;

import dev.hearth.signaling.account.AccountException;
import dev.hearth.signaling.web.security.CurrentAccount;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every exception leaving a controller into {@code {code, message}}. Domain exceptions need not
 * know about this class: any exception with a public {@code String code()} is answered with that code
 * (status from {@link ErrorStatus}), and with {@code Retry-After} if it also has {@code Duration retryAfter()}.
 * Bad input never produces a stack trace or a 500.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            ServletRequestBindingException.class})
    ResponseEntity<ApiError> unreadable(Exception e) {
        return answer(HttpStatus.BAD_REQUEST, "bad-request", "The request could not be read.");
    }

    /**
     * Method security ({@code @PreAuthorize}) refused: without a session that means "sign in", with one it means
     * this account's role may not do it.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return any(CurrentAccount.signedInNow().isPresent() ? AccountException.forbidden() : AccountException.notSignedIn());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> any(Exception e) {
        Optional<String> code = call(e, "code", String.class);
        if (code.isPresent() && !code.get().isBlank()) {
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(ErrorStatus.of(code.get()))
                    .contentType(MediaType.APPLICATION_JSON);
            call(e, "retryAfter", Duration.class).ifPresent(wait ->
                    builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(wait)))));
            return builder.body(new ApiError(code.get(), e.getMessage() == null ? code.get() : e.getMessage()));
        }
        if (e instanceof ErrorResponse framework) {
            return fromStatus(framework.getStatusCode());
        }
        // Only the type is logged: messages of unexpected exceptions may carry request data.
        log.error("unexpected error type={}", e.getClass().getName(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on the server.");
    }

    private static ResponseEntity<ApiError> fromStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> answer(HttpStatus.NOT_FOUND, "not-found", "There is nothing here.");
            case 405 -> answer(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "This method is not allowed here.");
            case 406 -> answer(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "This resource answers in JSON only.");
            case 413 -> answer(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "The request is too large.");
            case 415 -> answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "json-required", "Send the request as application/json.");
            default -> status.is4xxClientError()
                    ? answer(HttpStatus.valueOf(status.value()), "bad-request", "The request could not be handled.")
                    : answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on the server.");
        };
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(code, message));
    }

    private static long ceilSeconds(Duration wait) {
        return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }

    private static <T> Optional<T> call(Exception e, String name, Class<T> type) {
        try {
            Method method = e.getClass().getMethod(name);
            if (!type.isAssignableFrom(method.getReturnType()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                return Optional.empty();
            }
            return Optional.ofNullable(type.cast(method.invoke(e)));
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            return Optional.empty();
        }
    }
}

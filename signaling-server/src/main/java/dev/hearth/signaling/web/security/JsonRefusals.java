package dev.hearth.signaling.web.security;

import dev.hearth.signaling.account.AccountException;
import dev.hearth.signaling.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.header.HeaderWriter;
import tools.jackson.databind.ObjectMapper;

/**
 * What the filter chain answers when it refuses a request: the same {@code {code, message}} body and stable codes
 * as every controller error ({@code web/ApiErrors}), never a container error page.
 */
final class JsonRefusals {

    /** The firewall's code: the address itself was not acceptable (path parameters, encoded or dot segments). */
    static final String REJECTED = "rejected";
    static final String CSRF = "csrf";

    private final ObjectMapper json;

    JsonRefusals(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), new ApiError(code, message));
    }

    void notSignedIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        AccountException refusal = AccountException.notSignedIn();
        write(response, HttpStatus.UNAUTHORIZED, refusal.code(), refusal.getMessage());
    }

    /**
     * Without a session there is no token to match, and "sign in" tells an expired page what to do; with one, a
     * missing or wrong token is {@code csrf} and a role that may not do this is {@code forbidden}.
     */
    void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (CurrentAccount.signedInNow().isEmpty()) {
            notSignedIn(request, response, null);
        } else if (e instanceof CsrfException) {
            write(response, HttpStatus.FORBIDDEN, CSRF,
                    "This request is missing its security token. Reload the page and try again.");
        } else {
            AccountException refusal = AccountException.forbidden();
            write(response, HttpStatus.FORBIDDEN, refusal.code(), refusal.getMessage());
        }
    }

    void foreignOrigin(HttpServletResponse response) throws IOException {
        write(response, HttpStatus.FORBIDDEN, CSRF, "This request came from another site and was refused.");
    }

    /**
     * The firewall refuses before any filter of the chain runs, so the security headers are written here from the
     * same writers the chain uses.
     */
    void rejected(List<HeaderWriter> headers, HttpServletRequest request, HttpServletResponse response,
                  RequestRejectedException e) throws IOException {
        headers.forEach(writer -> writer.writeHeaders(request, response));
        write(response, HttpStatus.BAD_REQUEST, REJECTED, "This address is not accepted. Use the link as given.");
    }
}

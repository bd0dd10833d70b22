package dev.hearth.signaling.web.security;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in staff account of the request being handled, as the filter chain put it into the security context.
 * Roles are checked by method security ({@code @PreAuthorize}) on the controllers; this only says who it is.
 */
@Component
public class CurrentAccount {

    public Optional<SignedInAccount> signedIn() {
        return signedInNow();
    }

    /** The signed-in account; {@link AccountException} {@code not-signed-in} (401) without one. */
    public Account require() {
        return requireSignedIn().account();
    }

    public SignedInAccount requireSignedIn() {
        return signedIn().orElseThrow(AccountException::notSignedIn);
    }

    /** For code that is not a bean (the error answers): whether this request carries a live session. */
    public static Optional<SignedInAccount> signedInNow() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof SessionAuthentication session
                ? Optional.of(session.signedIn()) : Optional.empty();
    }
}

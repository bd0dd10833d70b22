package dev.hearth.signaling.web;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountException;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.account.Session;
import dev.hearth.signaling.account.SessionRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the signed-in staff account of a request. This is what every HTTP and WebSocket edge uses;
 * looking a session up counts as using it, which keeps an active person signed in (sliding idle logoff).
 */
@Component
public class AuthenticatedAccounts {

    /** A live session and the account it belongs to. */
    public record SignedInAccount(Account account, Session session) {
    }

    private static final String REQUEST_ATTRIBUTE = AuthenticatedAccounts.class.getName() + ".signedIn";

    private final SessionRegistry sessions;
    private final AccountStore accounts;

    public AuthenticatedAccounts(SessionRegistry sessions, AccountStore accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    public Optional<Account> current(HttpServletRequest request) {
        return signedIn(request).map(SignedInAccount::account);
    }

    /**
     * The signed-in account, which must have one of {@code allowed} roles (any role when none are given).
     * Throws {@link AccountException} {@code not-signed-in} (401) or {@code forbidden} (403).
     */
    public Account require(HttpServletRequest request, Role... allowed) {
        Account account = current(request).orElseThrow(AccountException::notSignedIn);
        if (allowed.length > 0 && Arrays.stream(allowed).noneMatch(account::hasRole)) {
            throw AccountException.forbidden();
        }
        return account;
    }

    /** For the WebSocket handshake, which has the raw {@code Cookie} header rather than a servlet request. */
    public Optional<Account> fromCookieHeader(String cookieHeader) {
        return signedInFromCookieHeader(cookieHeader).map(SignedInAccount::account);
    }

    /** The same with the session, for a socket that holds it while it acts for the account. */
    public Optional<SignedInAccount> signedInFromCookieHeader(String cookieHeader) {
        return resolve(SessionCookie.values(cookieHeader));
    }

    public Optional<SignedInAccount> signedIn(HttpServletRequest request) {
        Object cached = request.getAttribute(REQUEST_ATTRIBUTE);
        if (cached instanceof SignedInAccount signedIn) {
            return Optional.of(signedIn);
        }
        Optional<SignedInAccount> signedIn = resolve(SessionCookie.values(request));
        signedIn.ifPresent(found -> request.setAttribute(REQUEST_ATTRIBUTE, found));
        return signedIn;
    }

    /** Forgets what this request resolved to, after sign-in or sign-out changed it. */
    void forget(HttpServletRequest request) {
        request.removeAttribute(REQUEST_ATTRIBUTE);
    }

    private Optional<SignedInAccount> resolve(List<String> sessionIds) {
        for (String id : sessionIds) {
            Optional<Session> session = sessions.use(id);
            if (session.isPresent()) {
                Optional<Account> account = accounts.findById(session.get().accountId());
                if (account.isPresent()) {
                    return Optional.of(new SignedInAccount(account.get(), session.get()));
                }
                sessions.close(id);
            }
        }
        return Optional.empty();
    }
}

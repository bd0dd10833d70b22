package dev.hearth.signaling.web.security;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.AccountStore;
import dev.hearth.signaling.account.Session;
import dev.hearth.signaling.account.SessionRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns the session ids a browser presents in its {@code HEARTH_SESSION} cookie into the signed-in account. The
 * HTTP filter chain and the WebSocket edge both ask here; looking a session up counts as using it, which keeps an
 * active person signed in (sliding idle logoff in {@link SessionRegistry}).
 */
@Component
public class StaffSessions {

    private final SessionRegistry sessions;
    private final AccountStore accounts;

    public StaffSessions(SessionRegistry sessions, AccountStore accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** For the WebSocket handshake, which has the raw {@code Cookie} header rather than a servlet request. */
    public Optional<Account> fromCookieHeader(String cookieHeader) {
        return signedInFromCookieHeader(cookieHeader).map(SignedInAccount::account);
    }

    /** The same with the session, for a socket that holds it while it acts for the account. */
    public Optional<SignedInAccount> signedInFromCookieHeader(String cookieHeader) {
        return signedIn(SessionCookie.values(cookieHeader));
    }

    /** The first of {@code sessionIds} that is live and whose account still exists and is not switched off. */
    Optional<SignedInAccount> signedIn(List<String> sessionIds) {
        for (String id : sessionIds) {
            Optional<Session> session = sessions.use(id);
            if (session.isPresent()) {
                Optional<Account> account = accounts.findById(session.get().accountId()).filter(a -> !a.disabled());
                if (account.isPresent()) {
                    return Optional.of(new SignedInAccount(account.get(), session.get()));
                }
                sessions.close(id);
            }
        }
        return Optional.empty();
    }
}

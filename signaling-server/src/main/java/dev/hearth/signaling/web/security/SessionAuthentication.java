package dev.hearth.signaling.web.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request signed in by its session cookie; its one authority is {@code ROLE_} plus the account's role. */
final class SessionAuthentication extends AbstractAuthenticationToken {

    private final SignedInAccount signedIn;

    SessionAuthentication(SignedInAccount signedIn) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + signedIn.account().role().name())));
        this.signedIn = signedIn;
        setAuthenticated(true);
    }

    SignedInAccount signedIn() {
        return signedIn;
    }

    @Override
    public Object getPrincipal() {
        return signedIn;
    }

    /** The session id already did its work in the filter; it is never kept where a log could print it. */
    @Override
    public Object getCredentials() {
        return "";
    }

    /** The account id, not the username: names stay out of logs. */
    @Override
    public String getName() {
        return signedIn.account().id();
    }

    @Override
    public String toString() {
        return "SessionAuthentication[" + signedIn + ", authorities=" + getAuthorities() + "]";
    }
}

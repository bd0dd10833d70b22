package dev.hearth.signaling.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in from its {@code HEARTH_SESSION} cookie. The session lives in {@code SessionRegistry}, not in
 * an HttpSession; the context is kept per request only, so asynchronous and error dispatches of the same request
 * see it and nothing outlives the request.
 */
final class SessionCookieAuthenticationFilter extends OncePerRequestFilter {

    private final StaffSessions staff;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SessionCookieAuthenticationFilter(StaffSessions staff, SecurityContextRepository contexts) {
        this.staff = staff;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedInAccount> signedIn = staff.signedIn(SessionCookie.values(request));
        if (signedIn.isPresent()) {
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(new SessionAuthentication(signedIn.get()));
            holder.setContext(context);
            contexts.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}

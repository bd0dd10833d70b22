package dev.hearth.signaling.web.security;

import dev.hearth.signaling.config.MetricsToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a Prometheus scraper in with {@code Authorization: Bearer <HEARTH_METRICS_TOKEN>}, as the one authority
 * {@value #AUTHORITY}, and only for {@code GET /metrics}: the token opens nothing else, whatever a controller checks.
 * The firewall has already refused every other spelling of that path. A wrong or missing token signs nobody in, so
 * the metrics controller's role check answers 401 as for anyone without a session; the token is never logged.
 */
final class MetricsTokenAuthenticationFilter extends OncePerRequestFilter {

    /** The role name {@code @PreAuthorize} checks: {@code hasRole('METRICS_SCRAPER')}. */
    static final String AUTHORITY = "ROLE_METRICS_SCRAPER";
    private static final String BEARER = "Bearer ";

    private final Optional<MetricsToken> token;
    private final String path;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    MetricsTokenAuthenticationFilter(Optional<MetricsToken> token, String path, SecurityContextRepository contexts) {
        this.token = token;
        this.path = path;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token.isPresent() && "GET".equals(request.getMethod()) && path.equals(request.getRequestURI())
                && token.get().matches(bearer(request))) {
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(new Scraper());
            holder.setContext(context);
            contexts.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
    }

    /** A scraper: no account, no name, no credentials kept. */
    private static final class Scraper extends AbstractAuthenticationToken {
        Scraper() {
            super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return "metrics-scraper";
        }

        @Override
        public Object getCredentials() {
            return "";
        }
    }
}

package dev.hearth.signaling.web.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.config.PublicOrigin;
import java.util.List;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * The web layer's security, in Spring Security's terms:
 * <ul>
 *   <li>{@link HearthFirewall} refuses ambiguous addresses before anything routes them (400 {@code rejected});</li>
 *   <li>every body is limited in size, whatever the path;</li>
 *   <li>a state-changing request naming a foreign origin is refused (403 {@code csrf});</li>
 *   <li>the {@code HEARTH_SESSION} cookie signs the request in; no HttpSession is ever made; on
 *       {@code GET /metrics} only, so may {@code HEARTH_METRICS_TOKEN} as a bearer token
 *       ({@link MetricsTokenAuthenticationFilter});</li>
 *   <li>every state-changing request, on every path, needs the session's token in {@code X-CSRF-Token},
 *       except sign-in and setup, which have no session yet;</li>
 *   <li>roles are checked where the work is done, by {@code @PreAuthorize} on the controllers, so no spelling
 *       of a path can step around them;</li>
 *   <li>{@link SecurityHeaders} on every response.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /** The header the page echoes its session's CSRF token in (web-client api.js). */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Where the metrics controller answers; the only path a {@code HEARTH_METRICS_TOKEN} signs in for. */
    public static final String METRICS_PATH = "/metrics";

    /**
     * The only state-changing routes without a session, matched on the decoded path: sign-in with its later steps
     * (which carry their own one-use challenge instead), and setup.
     */
    private static final RequestMatcher SESSIONLESS = new OrRequestMatcher(
            pathPattern(HttpMethod.POST, "/api/login"), pathPattern(HttpMethod.POST, "/api/login/code"),
            pathPattern(HttpMethod.POST, "/api/login/two-step-setup"),
            pathPattern(HttpMethod.POST, "/api/login/two-step-confirm"),
            pathPattern(HttpMethod.POST, "/api/login/new-password"), pathPattern(HttpMethod.POST, "/api/setup"));

    @Bean
    JsonRefusals jsonRefusals(ObjectMapper json) {
        return new JsonRefusals(json);
    }

    @Bean
    SecurityFilterChain hearthSecurity(HttpSecurity http, StaffSessions staff, PublicOrigin publicOrigin,
                                       HearthSettings settings, JsonRefusals refusals) throws Exception {
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        List<HeaderWriter> headers = SecurityHeaders.writers(settings.tls());
        http.securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                // Sign-out is POST /api/logout (AccountController), which ends the server-side session.
                .logout(logout -> logout.disable())
                .csrf(csrf -> csrf
                        .csrfTokenRepository(new SessionCsrfTokenRepository())
                        .csrfTokenRequestHandler(new SessionCsrfTokenRepository.HeaderOnly())
                        .ignoringRequestMatchers(SESSIONLESS))
                .headers(header -> {
                    header.defaultsDisabled();
                    headers.forEach(header::addHeaderWriter);
                })
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals::notSignedIn)
                        .accessDeniedHandler(refusals::denied))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterBefore(new BodySizeLimitFilter(refusals), CsrfFilter.class)
                .addFilterBefore(new SameOriginFilter(publicOrigin, SESSIONLESS, refusals), CsrfFilter.class)
                .addFilterBefore(new SessionCookieAuthenticationFilter(staff, contexts), CsrfFilter.class)
                .addFilterBefore(new MetricsTokenAuthenticationFilter(settings.metricsToken(), METRICS_PATH, contexts),
                        CsrfFilter.class);
        return http.build();
    }

    @Bean
    WebSecurityCustomizer hearthFirewall(HearthSettings settings, JsonRefusals refusals) {
        List<HeaderWriter> headers = SecurityHeaders.writers(settings.tls());
        return web -> web.httpFirewall(new HearthFirewall())
                .requestRejectedHandler((request, response, e) -> refusals.rejected(headers, request, response, e));
    }

    /**
     * Tomcat would answer an encoded slash with its own HTML 400 page before any filter runs; passed through, the
     * firewall refuses it like every other ambiguous address, in JSON and with the security headers.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling("passthrough"));
    }
}

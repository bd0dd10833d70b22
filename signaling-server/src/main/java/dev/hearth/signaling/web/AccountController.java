package dev.hearth.signaling.web;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.FirstAdmin;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.account.SessionRegistry;
import dev.hearth.signaling.account.SignIn;
import dev.hearth.signaling.account.SignedIn;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.web.security.CurrentAccount;
import dev.hearth.signaling.web.security.SessionCookie;
import dev.hearth.signaling.web.security.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, sign-out, "who am I", and the one-time admin setup. */
@RestController
public class AccountController {

    record LoginRequest(String username, String password) {
    }

    record SetupRequest(String code, String password) {
    }

    record SessionView(String username, Role role, String csrfToken) {
    }

    private final SignIn signIn;
    private final FirstAdmin firstAdmin;
    private final SessionRegistry sessions;
    private final CurrentAccount current;
    private final boolean secureCookies;

    public AccountController(SignIn signIn, FirstAdmin firstAdmin, SessionRegistry sessions,
                             CurrentAccount current, HearthSettings settings) {
        this.signIn = signIn;
        this.firstAdmin = firstAdmin;
        this.sessions = sessions;
        this.current = current;
        this.secureCookies = settings.tls();
    }

    @PostMapping("/api/login")
    ResponseEntity<SessionView> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        SignedIn signedIn = signIn.login(body.username(), body.password(), request.getRemoteAddr());
        // A new id on every sign-in, and the old one ended, so a planted cookie cannot be promoted.
        SessionCookie.values(request).forEach(sessions::close);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(signedIn.session(), secureCookies))
                .body(new SessionView(signedIn.account().username(), signedIn.account().role(),
                        signedIn.session().csrfToken()));
    }

    @PostMapping("/api/logout")
    ResponseEntity<Void> logout() {
        signIn.logout(current.requireSignedIn().session());
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(secureCookies)).build();
    }

    @GetMapping("/api/session")
    SessionView session() {
        SignedInAccount signedIn = current.requireSignedIn();
        return new SessionView(signedIn.account().username(), signedIn.account().role(),
                signedIn.session().csrfToken());
    }

    @GetMapping("/api/setup")
    Map<String, Boolean> setupNeeded() {
        return Map.of("needed", firstAdmin.setupNeeded());
    }

    /** Creates the admin; the client then signs in with the new password as usual. */
    @PostMapping("/api/setup")
    ResponseEntity<Map<String, String>> setup(@RequestBody SetupRequest body, HttpServletRequest request) {
        Account admin = firstAdmin.completeSetup(body.code(), body.password(), request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("username", admin.username(), "role", admin.role().name()));
    }
}

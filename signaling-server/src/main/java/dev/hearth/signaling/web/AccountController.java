package dev.hearth.signaling.web;

import dev.hearth.signaling.account.Account;
import dev.hearth.signaling.account.FirstAdmin;
import dev.hearth.signaling.account.OwnAccount;
import dev.hearth.signaling.account.Role;
import dev.hearth.signaling.account.SessionRegistry;
import dev.hearth.signaling.account.SignIn;
import dev.hearth.signaling.account.SignInStep;
import dev.hearth.signaling.account.SignedIn;
import dev.hearth.signaling.account.TwoStep;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.web.security.CurrentAccount;
import dev.hearth.signaling.web.security.SessionCookie;
import dev.hearth.signaling.web.security.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in (password, then the two-step code, two-step set-up or a new password when one is due), sign-out,
 * "who am I", one's own password and two-step sign-in, and the one-time admin setup.
 *
 * <p>A sign-in step answers either the session ({@code username, role, csrfToken}, with the cookie) or
 * {@code {next, challenge}}: what to ask the person for, and the one-use challenge to send with it.
 */
@RestController
public class AccountController {

    record LoginRequest(String username, String password) {
    }

    record CodeRequest(String challenge, String code) {
    }

    record ChallengeRequest(String challenge) {
    }

    record NewPasswordRequest(String challenge, String password) {
    }

    record SetupRequest(String code, String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record PasswordOnly(String currentPassword) {
    }

    record CodeOnly(String code) {
    }

    record SessionView(String username, Role role, String csrfToken, boolean twoStep, boolean twoStepRequired) {
    }

    /** The secret of a two-step set-up, shown once. */
    record EnrolmentView(String secret, String uri) {
        static EnrolmentView of(TwoStep.Enrolment enrolment) {
            return new EnrolmentView(enrolment.base32(), enrolment.uri());
        }
    }

    private final SignIn signIn;
    private final FirstAdmin firstAdmin;
    private final SessionRegistry sessions;
    private final CurrentAccount current;
    private final OwnAccount own;
    private final boolean secureCookies;

    public AccountController(SignIn signIn, FirstAdmin firstAdmin, SessionRegistry sessions,
                             CurrentAccount current, OwnAccount own, HearthSettings settings) {
        this.signIn = signIn;
        this.firstAdmin = firstAdmin;
        this.sessions = sessions;
        this.current = current;
        this.own = own;
        this.secureCookies = settings.tls();
    }

    @PostMapping("/api/login")
    ResponseEntity<Object> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        return answer(signIn.login(body.username(), body.password(), request.getRemoteAddr()), request);
    }

    @PostMapping("/api/login/code")
    ResponseEntity<Object> code(@RequestBody CodeRequest body, HttpServletRequest request) {
        return answer(signIn.code(body.challenge(), body.code()), request);
    }

    @PostMapping("/api/login/two-step-setup")
    EnrolmentView twoStepSetup(@RequestBody ChallengeRequest body) {
        return EnrolmentView.of(signIn.beginEnrolment(body.challenge()));
    }

    @PostMapping("/api/login/two-step-confirm")
    ResponseEntity<Object> twoStepConfirm(@RequestBody CodeRequest body, HttpServletRequest request) {
        return answer(signIn.confirmEnrolment(body.challenge(), body.code()), request);
    }

    @PostMapping("/api/login/new-password")
    ResponseEntity<Object> newPassword(@RequestBody NewPasswordRequest body, HttpServletRequest request) {
        return answer(signIn.newPassword(body.challenge(), body.password()), request);
    }

    private ResponseEntity<Object> answer(SignInStep step, HttpServletRequest request) {
        if (step instanceof SignInStep.Pending pending) {
            return ResponseEntity.ok(Map.of("next", pending.next().wire(), "challenge", pending.challenge()));
        }
        SignedIn signedIn = step.signedIn();
        // A new id on every sign-in, and the old one ended, so a planted cookie cannot be promoted.
        SessionCookie.values(request).forEach(sessions::close);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(signedIn.session(), secureCookies))
                .body(view(signedIn.account(), signedIn.session().csrfToken()));
    }

    @PostMapping("/api/logout")
    ResponseEntity<Void> logout() {
        signIn.logout(current.requireSignedIn().session());
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(secureCookies)).build();
    }

    @GetMapping("/api/session")
    SessionView session() {
        SignedInAccount signedIn = current.requireSignedIn();
        return view(signedIn.account(), signedIn.session().csrfToken());
    }

    private SessionView view(Account account, String csrfToken) {
        return new SessionView(account.username(), account.role(), csrfToken, account.hasTotp(),
                own.twoStepRequired(account));
    }

    /** The account's other browsers are signed out; this one stays. */
    @PostMapping("/api/account/password")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body) {
        own.changePassword(signedIn(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/account/two-step")
    @PreAuthorize("isAuthenticated()")
    EnrolmentView beginTwoStep(@RequestBody PasswordOnly body) {
        return EnrolmentView.of(own.beginTwoStep(signedIn(), body.currentPassword()));
    }

    @PostMapping("/api/account/two-step/confirm")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<Void> confirmTwoStep(@RequestBody CodeOnly body) {
        own.confirmTwoStep(signedIn(), body.code());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/account/two-step/off")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<Void> turnOffTwoStep(@RequestBody PasswordOnly body) {
        own.turnOffTwoStep(signedIn(), body.currentPassword());
        return ResponseEntity.noContent().build();
    }

    private SignedIn signedIn() {
        SignedInAccount signedIn = current.requireSignedIn();
        return new SignedIn(signedIn.account(), signedIn.session());
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

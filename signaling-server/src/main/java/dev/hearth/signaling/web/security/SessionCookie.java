package dev.hearth.signaling.web.security;

import dev.hearth.signaling.account.Session;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseCookie;

/**
 * The {@code HEARTH_SESSION} cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites
 * cannot make the browser send it), Path=/, and Secure whenever the server runs TLS. No Max-Age, so it
 * ends with the browser session at the latest.
 */
public final class SessionCookie {

    public static final String NAME = "HEARTH_SESSION";
    private static final int MAX_COOKIE_HEADER = 8192;

    private SessionCookie() {
    }

    public static String issue(Session session, boolean secure) {
        return base(session.id(), secure).build().toString();
    }

    public static String clear(boolean secure) {
        return base("", secure).maxAge(0).build().toString();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
        return ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Strict").path("/").secure(secure);
    }

    /** Every session id the request carries (a browser may send several cookies of one name). */
    public static List<String> values(HttpServletRequest request) {
        List<String> values = new ArrayList<>();
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    values.add(cookie.getValue());
                }
            }
        }
        return values;
    }

    /** The same, from a raw {@code Cookie} header as seen during a WebSocket handshake. */
    public static List<String> values(String cookieHeader) {
        List<String> values = new ArrayList<>();
        if (cookieHeader == null || cookieHeader.length() > MAX_COOKIE_HEADER) {
            return values;
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(NAME)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}

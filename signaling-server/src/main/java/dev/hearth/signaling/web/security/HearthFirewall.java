package dev.hearth.signaling.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring's {@link StrictHttpFirewall} (no path parameters, encoded slashes or dots, empty or dot segments,
 * backslashes, control characters) plus one rule of Hearth's own: no percent-encoding anywhere in the path.
 * Every Hearth address is plain ASCII (ids and tokens are base64url), so an encoded character can only be an
 * attempt to make one path look like another to different layers.
 */
final class HearthFirewall extends StrictHttpFirewall {

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        FirewalledRequest checked = super.getFirewalledRequest(request);
        String uri = request.getRequestURI();
        if (uri != null && uri.indexOf('%') >= 0) {
            throw new RequestRejectedException("The request was rejected because the path is percent-encoded.");
        }
        return checked;
    }
}

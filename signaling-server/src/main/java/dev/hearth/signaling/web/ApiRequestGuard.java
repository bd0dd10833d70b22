package dev.hearth.signaling.web;

import tools.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every request under {@code /api/} before it reaches a controller:
 * <ul>
 *   <li>bodies are limited in size;</li>
 *   <li>a state-changing request (POST, PUT, PATCH, DELETE) needs a live session and the session's
 *       CSRF token in {@code X-CSRF-Token};</li>
 *   <li>sign-in and setup, which have no session yet, instead need {@code Content-Type: application/json}
 *       (a cross-site form cannot send it without a CORS preflight, which we never approve) and, when the
 *       browser sends an {@code Origin}, that it names this server's own host;</li>
 *   <li>API answers are never cached.</li>
 * </ul>
 */
public class ApiRequestGuard extends OncePerRequestFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> SESSIONLESS_POSTS = Set.of("/api/login", "/api/setup");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuthenticatedAccounts authenticated;
    private final ObjectMapper json;

    public ApiRequestGuard(AuthenticatedAccounts authenticated, ObjectMapper json) {
        this.authenticated = authenticated;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            reject(response, HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "The request is too large.");
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!SAFE_METHODS.contains(method)) {
            boolean refused = SESSIONLESS_POSTS.contains(path(request))
                    ? refusedSessionless(request, response)
                    : refusedWithoutToken(request, response);
            if (refused) {
                return;
            }
        }
        chain.doFilter(new BoundedBodyRequest(request), response);
    }

    private boolean refusedSessionless(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!isJson(request.getContentType())) {
            return reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "json-required",
                    "Send the request as application/json.");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameHost(origin, request.getHeader(HttpHeaders.HOST))) {
            return reject(response, HttpStatus.FORBIDDEN, "csrf",
                    "This request came from another site and was refused.");
        }
        return false;
    }

    private boolean refusedWithoutToken(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<AuthenticatedAccounts.SignedInAccount> signedIn = authenticated.signedIn(request);
        if (signedIn.isEmpty()) {
            // Without a session there is no token to match; "sign in" tells an expired page what to do.
            return reject(response, HttpStatus.UNAUTHORIZED, "not-signed-in", "Please sign in.");
        }
        String token = request.getHeader(CSRF_HEADER);
        byte[] expected = signedIn.get().session().csrfToken().getBytes(StandardCharsets.US_ASCII);
        if (token == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            return reject(response, HttpStatus.FORBIDDEN, "csrf",
                    "This request is missing its security token. Reload the page and try again.");
        }
        return false;
    }

    private boolean reject(HttpServletResponse response, HttpStatus status, String code, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), new ApiError(code, message));
        return true;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** True when the Origin's host and port are the ones the browser addressed (the Host header). */
    static boolean sameHost(String origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        try {
            URI originUri = URI.create(origin);
            String scheme = originUri.getScheme();
            if (originUri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return false;
            }
            URI hostUri = URI.create(scheme + "://" + hostHeader.trim());
            if (hostUri.getHost() == null || hostUri.getRawPath() != null && !hostUri.getRawPath().isEmpty()) {
                return false;
            }
            return originUri.getHost().equalsIgnoreCase(hostUri.getHost())
                    && port(originUri) == port(hostUri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Stops reading a body (also one sent without Content-Length) once it passes the limit. */
    private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

        private ServletInputStream bounded;

        BoundedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedInputStream(super.getInputStream());
            }
            return bounded;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }
    }

    private static final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        BoundedInputStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

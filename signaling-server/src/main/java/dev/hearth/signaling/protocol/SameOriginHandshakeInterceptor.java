package dev.hearth.signaling.protocol;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Browsers send cookies on cross-site WebSocket handshakes, so without this check any web page a
 * facilitator visits could drive their signed-in session. Only pages served by Hearth itself may connect.
 */
final class SameOriginHandshakeInterceptor implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        String origin = request.getHeaders().getOrigin();
        String host = request.getHeaders().getFirst("Host");
        if (origin == null || host == null || !sameHost(origin, host)) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        String cookie = request.getHeaders().getFirst("Cookie");
        if (cookie != null) {
            attributes.put(SignalingHandler.COOKIE_ATTRIBUTE, cookie);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception failure) {
    }

    static boolean sameHost(String origin, String hostHeader) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(hostHeader) || withDefaultPort(uri).equalsIgnoreCase(hostHeader);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withDefaultPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}

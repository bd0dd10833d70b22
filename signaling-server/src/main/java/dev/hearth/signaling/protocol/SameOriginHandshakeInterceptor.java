package dev.hearth.signaling.protocol;

import dev.hearth.signaling.config.PublicOrigin;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Browsers send cookies on cross-site WebSocket handshakes, so without this check any web page a
 * facilitator visits could drive their signed-in session. Only pages served by Hearth itself may connect.
 */
final class SameOriginHandshakeInterceptor implements HandshakeInterceptor {

    private final PublicOrigin publicOrigin;

    SameOriginHandshakeInterceptor(PublicOrigin publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        URI arrivedOn = request.getURI();
        if (!publicOrigin.allows(request.getHeaders().getOrigin(), arrivedOn.getScheme(), arrivedOn.getHost(),
                arrivedOn.getPort())) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        if (request instanceof ServletServerHttpRequest servlet) {
            // After RemoteIpValve: a trusted proxy's X-Forwarded-For, otherwise the socket's peer.
            ClientAddresses.key(servlet.getServletRequest().getRemoteAddr())
                    .ifPresent(address -> attributes.put(SignalingHandler.CLIENT_ADDRESS_ATTRIBUTE, address));
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
}

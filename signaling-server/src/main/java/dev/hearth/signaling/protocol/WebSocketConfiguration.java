package dev.hearth.signaling.protocol;

import dev.hearth.signaling.config.PublicOrigin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The one signaling endpoint, {@code /ws}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    /** Largest message we process; larger ones get a {@code too-large} error. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * The container's own buffer is larger than our limit so an oversized message still reaches us
     * and is answered with an error; past this the container closes the socket (1009).
     */
    static final int CONTAINER_BUFFER_BYTES = 2 * MAX_MESSAGE_BYTES;
    /** Clients ping every 20 s; a socket silent for this long is closed (and the member may resume). */
    static final long IDLE_TIMEOUT_MILLIS = 60_000;

    private final SignalingHandler handler;
    private final PublicOrigin publicOrigin;

    WebSocketConfiguration(SignalingHandler handler, PublicOrigin publicOrigin) {
        this.handler = handler;
        this.publicOrigin = publicOrigin;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws")
                .addInterceptors(new SameOriginHandshakeInterceptor(publicOrigin))
                // Origin is checked by the interceptor, which also handles a missing header.
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(CONTAINER_BUFFER_BYTES);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return container;
    }
}

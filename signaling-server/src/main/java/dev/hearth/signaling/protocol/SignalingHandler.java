package dev.hearth.signaling.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The WebSocket edge: turns frames into {@link Inbound} messages for {@link RoomProtocol} and its
 * replies back into frames. Everything a hostile client can send is stopped here with a stable error
 * code (size, rate, JSON shape) before any room sees it.
 */
@Component
class SignalingHandler extends TextWebSocketHandler {

    static final String COOKIE_ATTRIBUTE = "hearth.cookie";
    static final String CLIENT_ADDRESS_ATTRIBUTE = "hearth.client-address";
    private static final String PEER_ATTRIBUTE = "hearth.peer";
    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A slow reader must not hold up the room: sends queue up to this much, then the socket is cut. */
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

    private final ObjectMapper json;
    private final RoomProtocol protocol;
    private final Map<String, SocketPeer> peers = new ConcurrentHashMap<>();

    SignalingHandler(ObjectMapper json, RoomProtocol protocol) {
        this.json = json;
        this.protocol = protocol;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        SocketPeer peer = new SocketPeer("c-" + HexFormat.of().formatHex(id),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, SEND_BUFFER_LIMIT,
                        ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE),
                (String) session.getAttributes().get(COOKIE_ATTRIBUTE),
                Optional.ofNullable((String) session.getAttributes().get(CLIENT_ADDRESS_ATTRIBUTE)));
        session.getAttributes().put(PEER_ATTRIBUTE, peer);
        peers.put(peer.connectionId(), peer);
        log.debug("ws.open conn={}", peer.connectionId());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SocketPeer peer = (SocketPeer) session.getAttributes().get(PEER_ATTRIBUTE);
        if (peer == null) {
            return;
        }
        if (!peer.limiter.tryAcquire(System.nanoTime())) {
            if (peer.limiter.isAbusive()) {
                log.info("ws.flood conn={} action=close", peer.connectionId());
                peer.close("rate-limited");
            } else {
                peer.send(error(null, "rate-limited", "Too many messages; slow down."));
            }
            return;
        }
        Inbound inbound;
        try {
            inbound = parse(message);
        } catch (ProtocolException e) {
            peer.send(error(null, e.code(), e.getMessage()));
            return;
        }
        try {
            protocol.handle(peer, inbound);
        } catch (ProtocolException e) {
            peer.send(error(inbound.id(), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            // A bug must not take the room down with it; the client gets a stable code, we get the trace.
            log.error("ws.internal-error conn={} type={}", peer.connectionId(), inbound.type(), e);
            peer.send(error(inbound.id(), "internal-error", "Something went wrong on our side. Please try again."));
        }
    }

    private Inbound parse(TextMessage message) {
        if (message.getPayloadLength() > WebSocketConfiguration.MAX_MESSAGE_BYTES) {
            throw new ProtocolException("too-large", "Messages are limited to 64 KiB.");
        }
        JsonNode node;
        try {
            node = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            throw new ProtocolException("bad-json", "The message is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("bad-json", "A message must be a JSON object.");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString() || type.stringValue().isEmpty() || type.stringValue().length() > 40) {
            throw new ProtocolException("bad-request", "A message needs a \"type\".");
        }
        JsonNode id = node.get("id");
        String requestId = null;
        if (id != null && !id.isNull()) {
            if (!(id.isString() || id.isIntegralNumber()) || id.asString().length() > 64) {
                throw new ProtocolException("bad-request", "\"id\" must be a short string or number.");
            }
            requestId = id.asString();
        }
        return new Inbound(type.stringValue(), requestId, node);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        SocketPeer peer = (SocketPeer) session.getAttributes().get(PEER_ATTRIBUTE);
        log.debug("ws.transport-error conn={} error={}", peer == null ? "?" : peer.connectionId(),
                exception.getClass().getSimpleName());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SocketPeer peer = (SocketPeer) session.getAttributes().remove(PEER_ATTRIBUTE);
        if (peer == null) {
            return;
        }
        peers.remove(peer.connectionId());
        log.debug("ws.close conn={} status={}", peer.connectionId(), status.getCode());
        protocol.disconnected(peer);
    }

    static Map<String, Object> error(String requestId, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        if (requestId != null) {
            error.put("id", requestId);
        }
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    /** Number of open signaling connections (for health and tests). */
    int openConnections() {
        return peers.size();
    }

    private final class SocketPeer implements Peer {
        private final String connectionId;
        private final WebSocketSession session;
        private final String cookieHeader;
        private final Optional<String> clientAddress;
        private final MessageRateLimiter limiter = new MessageRateLimiter(20, 40, System.nanoTime());

        SocketPeer(String connectionId, WebSocketSession session, String cookieHeader, Optional<String> clientAddress) {
            this.connectionId = connectionId;
            this.session = session;
            this.cookieHeader = cookieHeader;
            this.clientAddress = clientAddress;
        }

        @Override
        public String connectionId() {
            return connectionId;
        }

        @Override
        public String cookieHeader() {
            return cookieHeader;
        }

        @Override
        public Optional<String> clientAddress() {
            return clientAddress;
        }

        @Override
        public void send(Map<String, Object> message) {
            if (!session.isOpen()) {
                return;
            }
            try {
                session.sendMessage(new TextMessage(json.writeValueAsString(message)));
            } catch (IOException | IllegalStateException e) {
                log.debug("ws.send-failed conn={} error={}", connectionId, e.getClass().getSimpleName());
            }
        }

        @Override
        public void close(String reason) {
            try {
                session.close(new CloseStatus(CloseStatus.NORMAL.getCode(), reason));
            } catch (IOException e) {
                log.debug("ws.close-failed conn={}", connectionId);
            }
        }
    }
}

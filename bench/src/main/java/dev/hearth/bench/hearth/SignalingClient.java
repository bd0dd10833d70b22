package dev.hearth.bench.hearth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A participant's signaling WebSocket (docs/protocol.md): requests with an id whose direct reply completes a
 * future, and events (no id) handed to a consumer on the socket's listener thread, which must not block.
 */
final class SignalingClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Consumer<JsonNode> events;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private SignalingClient(Consumer<JsonNode> events) {
        this.events = events;
    }

    /** Opens {@code /ws} of {@code base} with the page's Origin, and the staff session cookie when given. */
    static SignalingClient open(HttpClient http, URI base, String cookie, Consumer<JsonNode> events) {
        SignalingClient client = new SignalingClient(events);
        String origin = base.getScheme() + "://" + base.getAuthority();
        WebSocket.Builder builder = http.newWebSocketBuilder().header("Origin", origin);
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        URI ws = URI.create((base.getScheme().equals("https") ? "wss://" : "ws://") + base.getAuthority() + "/ws");
        client.socket = builder.buildAsync(ws, client.new Listener()).join();
        return client;
    }

    /** Sends a request and waits for its direct reply; an {@code error} reply throws. */
    JsonNode request(String type, Consumer<ObjectNode> body) {
        String id = Integer.toString(nextId.getAndIncrement());
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        message.put("id", id);
        body.accept(message);
        send(message);
        try {
            JsonNode answer = reply.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(answer.path("type").asString())) {
                throw new IllegalStateException(type + " refused: " + answer.path("code").asString());
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no reply to " + type, e);
        } finally {
            replies.remove(id);
        }
    }

    private synchronized void send(ObjectNode message) {
        // java.net.http allows one outstanding send at a time.
        socket.sendText(message.toString(), true).join();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                String id = message.path("id").asString(null);
                CompletableFuture<JsonNode> reply = id == null ? null : replies.get(id);
                if (reply != null) {
                    reply.complete(message);
                } else {
                    events.accept(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

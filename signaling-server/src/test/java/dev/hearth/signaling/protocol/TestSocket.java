package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real WebSocket client for tests: sends JSON, records everything received, waits for messages. */
final class TestSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> everything = new ArrayList<>();
    /** Received but not yet consumed by an expectation; touched only by the test thread. */
    private final List<JsonNode> pending = new ArrayList<>();
    private final WebSocket socket;
    private volatile Integer closeCode;
    private volatile String closeReason;
    private int nextId = 1;

    private TestSocket(WebSocket socket) {
        this.socket = socket;
    }

    static TestSocket open(int port, String cookieHeader) {
        return open(port, cookieHeader, "http://localhost:" + port);
    }

    static TestSocket open(int port, String cookieHeader, String origin) {
        return open(port, cookieHeader, origin, java.util.Map.of());
    }

    /** {@code headers} as a proxy in front of Hearth would add them (X-Forwarded-*). */
    static TestSocket open(int port, String cookieHeader, String origin, java.util.Map<String, String> headers) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", origin);
        headers.forEach(builder::header);
        if (cookieHeader != null) {
            builder.header("Cookie", cookieHeader);
        }
        WebSocket ws = builder.buildAsync(URI.create("ws://localhost:" + port + "/ws"), listener).join();
        TestSocket socket = new TestSocket(ws);
        listener.owner = socket;
        return socket;
    }

    /** Sends a message with a fresh request id and returns that id. */
    String send(String type, Consumer<ObjectNode> body) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        String id = String.valueOf(nextId++);
        message.put("id", id);
        body.accept(message);
        sendRaw(message.toString());
        return id;
    }

    String send(String type) {
        return send(type, m -> { });
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for the first unconsumed message of this type; others stay queued for later expectations. */
    JsonNode expect(String type) {
        return take(m -> type.equals(m.path("type").asString()), "a '" + type + "' message");
    }

    /** Waits for the reply to a request: a message (of any type, or an error) echoing the request id. */
    JsonNode reply(String id) {
        return take(m -> id.equals(m.path("id").asText(null)), "a reply to request " + id);
    }

    private JsonNode take(java.util.function.Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    JsonNode candidate = it.next();
                    if (wanted.test(candidate)) {
                        it.remove();
                        return candidate;
                    }
                }
                long left = deadline - System.nanoTime();
                JsonNode next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    fail("expected " + what + "; unconsumed: " + pending);
                }
                pending.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode expectError(String id, String code) {
        JsonNode reply = reply(id);
        assertEquals("error", reply.path("type").asString(), () -> "expected error " + code + ", got " + reply);
        assertEquals(code, reply.path("code").asString(), () -> "wrong error: " + reply);
        assertNotNull(reply.get("message"));
        return reply;
    }

    /** Nothing further arrives within a short quiet period (and nothing unconsumed is waiting). */
    void expectSilence(Duration quiet) {
        if (!pending.isEmpty()) {
            fail("expected nothing, but unconsumed: " + pending);
        }
        try {
            JsonNode next = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (next != null) {
                fail("expected nothing, got " + next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void awaitClosed() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (closeCode == null) {
            fail("connection was not closed by the server");
        }
    }

    boolean isClosed() {
        return closeCode != null;
    }

    Integer closeCode() {
        return closeCode;
    }

    /** Every message this socket received, in order: for privacy assertions. */
    synchronized List<JsonNode> everything() {
        return List.copyOf(everything);
    }

    @Override
    public void close() {
        if (closeCode == null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile TestSocket owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(partial.toString());
                    synchronized (owner) {
                        owner.everything.add(node);
                    }
                    owner.inbox.add(node);
                } catch (Exception e) {
                    throw new AssertionError("server sent invalid JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            owner.closeReason = reason;
            owner.closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (owner != null && owner.closeCode == null) {
                owner.closeCode = -1;
            }
        }
    }
}

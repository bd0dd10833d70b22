package dev.hearth.signaling.media;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The WebSocket half of a simulated browser, speaking docs/protocol.md. Unlike the protocol tests' socket it
 * is shared by two threads: the test (commands and expectations) and the peer's negotiation thread (answers to
 * {@code subscribe-offer}), so sends are serialised and replies to the negotiation's own requests are routed
 * back to it rather than left for the test's expectations. It notes when each message arrived, so a test can
 * time state changes from the moment a client learns of them.
 */
public final class SignalingSocket implements AutoCloseable {

    /** A message and the {@link System#nanoTime()} at which it arrived. */
    public record Received(JsonNode message, long nanos) {
        public String type() {
            return message.path("type").asString();
        }
    }

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    /** Received but not yet consumed by an expectation; touched only by the test thread. */
    private final List<Received> pending = new ArrayList<>();
    private final Set<String> quietIds = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<JsonNode> quietReplies = new LinkedBlockingQueue<>();
    private final List<String> quietErrors = new CopyOnWriteArrayList<>();
    private final Consumer<JsonNode> offers;
    private WebSocket socket;
    private volatile Integer closeCode;
    private int nextId = 1;

    private SignalingSocket(Consumer<JsonNode> offers) {
        this.offers = offers;
    }

    /**
     * Opens {@code /ws} with the page's origin, and the staff session cookie when given.
     *
     * @param offers receives every {@code subscribe-offer}, on the socket's listener thread
     */
    public static SignalingSocket open(int port, String cookieHeader, Consumer<JsonNode> offers) {
        SignalingSocket owner = new SignalingSocket(offers);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://localhost:" + port);
        if (cookieHeader != null) {
            builder.header("Cookie", cookieHeader);
        }
        owner.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/ws"), owner.new Listener()).join();
        return owner;
    }

    /** Sends a request with a fresh id and returns that id. */
    public String send(String type, Consumer<ObjectNode> body) {
        return send(type, body, false);
    }

    public String send(String type) {
        return send(type, m -> { });
    }

    /**
     * Sends a request whose reply the caller collects with {@link #quietReply} instead of the test's
     * expectations (negotiation answers, keep-alive pings).
     */
    public String sendQuiet(String type, Consumer<ObjectNode> body) {
        return send(type, body, true);
    }

    private synchronized String send(String type, Consumer<ObjectNode> body, boolean quiet) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        String id = String.valueOf(nextId++);
        message.put("id", id);
        body.accept(message);
        if (quiet) {
            quietIds.add(id);
        }
        // One outstanding send at a time is all java.net.http allows; the lock serialises the two threads.
        socket.sendText(message.toString(), true).join();
        return id;
    }

    /** The reply to a request sent with {@link #sendQuiet}, or null when none came in time. */
    public JsonNode quietReply(String id, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<JsonNode> others = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode next = left <= 0 ? null : quietReplies.poll(left, TimeUnit.NANOSECONDS);
                if (next == null || id.equals(next.path("id").asString())) {
                    return next;
                }
                others.add(next);
            }
        } finally {
            quietReplies.addAll(others);
        }
    }

    /** Waits for the first unconsumed message of this type; others stay queued for later expectations. */
    public JsonNode expect(String type) {
        return take(m -> type.equals(m.type()), "a '" + type + "' message").message();
    }

    /** Waits for the first unconsumed {@code recording} message announcing {@code state}, with its arrival time. */
    public Received expectRecording(String state) {
        return take(m -> "recording".equals(m.type()) && state.equals(m.message().path("state").asString()),
                "a 'recording' message with state " + state);
    }

    /** Waits for the direct reply to a request (echoing its id): the specific reply, {@code ok} or an error. */
    public JsonNode reply(String id) {
        return take(m -> id.equals(m.message().path("id").asText(null)), "a reply to request " + id).message();
    }

    /** Waits for the reply and fails unless it is of the given type. */
    public JsonNode replyOfType(String id, String type) {
        JsonNode reply = reply(id);
        if (!type.equals(reply.path("type").asString())) {
            throw new AssertionError("expected '" + type + "' in reply to " + id + ", got " + brief(reply));
        }
        return reply;
    }

    private Received take(Predicate<Received> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Received candidate = it.next();
                    if (wanted.test(candidate)) {
                        it.remove();
                        return candidate;
                    }
                }
                long left = deadline - System.nanoTime();
                Received next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("expected " + what + "; unconsumed: "
                            + pending.stream().map(r -> brief(r.message())).toList());
                }
                pending.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the server has closed the connection. */
    public void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (closeCode == null) {
            throw new AssertionError("the server did not close the connection");
        }
    }

    /** Errors the server answered to quiet requests; empty when all went well. */
    public List<String> quietErrors() {
        return List.copyOf(quietErrors);
    }

    public boolean isClosed() {
        return closeCode != null;
    }

    /** A message without its SDP, for failure messages. */
    public static String brief(JsonNode message) {
        if (message.has("sdp")) {
            ObjectNode copy = (ObjectNode) message.deepCopy();
            copy.put("sdp", "…");
            return copy.toString();
        }
        return message.toString();
    }

    @Override
    public void close() {
        if (closeCode == null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long arrived = System.nanoTime();
                JsonNode node;
                try {
                    node = JSON.readTree(partial.toString());
                } catch (Exception e) {
                    throw new AssertionError("the server sent invalid JSON", e);
                } finally {
                    partial.setLength(0);
                }
                String id = node.path("id").asText(null);
                if ("subscribe-offer".equals(node.path("type").asString())) {
                    offers.accept(node);
                } else if (id != null && quietIds.remove(id)) {
                    if ("error".equals(node.path("type").asString())) {
                        quietErrors.add(node.toString());
                    }
                    quietReplies.add(node);
                } else {
                    inbox.add(new Received(node, arrived));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closeCode == null) {
                closeCode = -1;
            }
        }
    }
}

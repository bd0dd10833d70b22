package dev.hearth.bench.janus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Janus session over its plain HTTP API (janus.js' "long poll" mode): requests are POSTs answered
 * synchronously ({@code success}) or with an {@code ack} whose outcome arrives later as an event with the same
 * transaction, which a long-poll thread (GET on the session) collects. A keepalive every 20 s keeps the session
 * past Janus' 60 s session timeout.
 */
final class JanusClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final long session;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong();
    private final Thread poller;
    private volatile boolean closed;
    private volatile long lastRequest = System.nanoTime();

    JanusClient(HttpClient http, URI base) throws IOException {
        this.http = http;
        this.base = base;
        JsonNode created = post(base, json("create"));
        this.session = created.at("/data/id").asLong();
        this.poller = new Thread(this::poll, "bench-janus-poll-" + session);
        poller.setDaemon(true);
        poller.start();
    }

    /** Attaches a handle of the VideoRoom plugin. */
    long attachVideoRoom() throws IOException {
        ObjectNode attach = json("attach");
        attach.put("plugin", "janus.plugin.videoroom");
        return post(URI.create(sessionUri()), attach).at("/data/id").asLong();
    }

    /**
     * Sends a plugin message (with a JSEP when not null) and returns the plugin's reply: the synchronous
     * {@code success} or the asynchronous event for this transaction, each with {@code plugindata} and maybe
     * {@code jsep}. A VideoRoom error throws.
     */
    JsonNode message(long handle, ObjectNode body, ObjectNode jsep) throws IOException {
        ObjectNode message = json("message");
        message.set("body", body);
        if (jsep != null) {
            message.set("jsep", jsep);
        }
        String transaction = message.path("transaction").asString();
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        pending.put(transaction, event);
        try {
            JsonNode reply = post(URI.create(sessionUri() + "/" + handle), message);
            JsonNode result = "ack".equals(reply.path("janus").asString())
                    ? event.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) : reply;
            JsonNode data = result.at("/plugindata/data");
            if (data.has("error")) {
                throw new IOException("videoroom " + body.path("request").asString() + ": " + data.path("error"));
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer to videoroom " + body.path("request").asString(), e);
        } finally {
            pending.remove(transaction);
        }
    }

    static ObjectNode body(String request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", request);
        return body;
    }

    static ObjectNode jsep(String type, String sdp) {
        ObjectNode jsep = JSON.createObjectNode();
        jsep.put("type", type);
        jsep.put("sdp", sdp);
        return jsep;
    }

    private String sessionUri() {
        return base + "/" + session;
    }

    private ObjectNode json(String janus) {
        ObjectNode node = JSON.createObjectNode();
        node.put("janus", janus);
        node.put("transaction", "t" + transactions.incrementAndGet());
        return node;
    }

    private JsonNode post(URI uri, ObjectNode body) throws IOException {
        lastRequest = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        JsonNode reply = JSON.readTree(send(request).body());
        if ("error".equals(reply.path("janus").asString())) {
            throw new IOException("janus " + body.path("janus").asString() + ": " + reply.path("error"));
        }
        return reply;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void poll() {
        while (!closed) {
            try {
                if (System.nanoTime() - lastRequest > TimeUnit.SECONDS.toNanos(20)) {
                    post(URI.create(sessionUri()), json("keepalive"));
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(sessionUri() + "?maxev=20"))
                        .timeout(Duration.ofSeconds(40)).GET().build();
                JsonNode reply = JSON.readTree(send(request).body());
                for (JsonNode event : reply.isArray() ? reply : JSON.createArrayNode().add(reply)) {
                    String transaction = event.path("transaction").asString(null);
                    CompletableFuture<JsonNode> waiting = transaction == null ? null : pending.get(transaction);
                    if (waiting != null && "event".equals(event.path("janus").asString())) {
                        waiting.complete(event);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            post(URI.create(sessionUri()), json("destroy"));
        } catch (IOException | RuntimeException e) {
            // gone already
        }
        poller.interrupt();
    }
}

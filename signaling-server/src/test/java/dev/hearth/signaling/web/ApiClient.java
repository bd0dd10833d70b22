package dev.hearth.signaling.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.hearth.signaling.web.security.SecurityConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/** A thin HTTP client for the API tests; it handles the session cookie explicitly so tests can inspect it. */
public final class ApiClient {

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String code() {
            return body.path("code").asString();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body that is not JSON (a container's own error page) shows as {@code {"notJson": text}}. */
    private static JsonNode parse(String body) {
        if (body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            return JSON.createObjectNode().put("notJson", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    public Reply get(String path, String sessionCookie) {
        HttpRequest.Builder request = request(path).GET();
        if (sessionCookie != null) {
            request.header("Cookie", sessionCookie);
        }
        return send(request);
    }

    public Reply postJson(String path, Map<String, ?> body, String sessionCookie, String csrfToken) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        if (sessionCookie != null) {
            request.header("Cookie", sessionCookie);
        }
        if (csrfToken != null) {
            request.header(SecurityConfiguration.CSRF_HEADER, csrfToken);
        }
        return send(request);
    }

    /** A signed-in browser: the cookie pair to send back and the CSRF token the page was given. */
    public record Login(String cookie, String csrfToken, Reply reply) {
    }

    public Login login(String username, String password) {
        Reply reply = postJson("/api/login", Map.of("username", username, "password", password), null, null);
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply.status() + " " + reply.body());
        }
        String setCookie = reply.header("Set-Cookie").orElseThrow();
        return new Login(setCookie.substring(0, setCookie.indexOf(';')), reply.body().get("csrfToken").asString(), reply);
    }

    /** A room as a test call needs it: its facilitator's sign-in, its id, its invite and the agreement to accept. */
    public record OpenRoom(Login facilitator, String roomId, String invite, int agreementVersion) {
    }

    /**
     * The admin (signed in with {@code adminPassword}) creates a facilitator account {@code username}, who signs
     * in and opens a room titled {@code title}; each step must succeed.
     */
    public OpenRoom openRoom(String adminPassword, String username, String title) {
        String password = "Amber-Canyon-Facilitator-28";
        Login admin = login("admin", adminPassword);
        Reply created = postJson("/api/admin/facilitators", Map.of("username", username, "password", password),
                admin.cookie(), admin.csrfToken());
        if (created.status() != 201) {
            throw new AssertionError("facilitator not created: " + created.status() + " " + created.body());
        }
        Login facilitator = login(username, password);
        Reply room = postJson("/api/rooms", Map.of("title", title), facilitator.cookie(), facilitator.csrfToken());
        if (room.status() != 201) {
            throw new AssertionError("room not created: " + room.status() + " " + room.body());
        }
        String inviteUrl = room.body().get("inviteUrl").asString();
        String invite = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
        int agreementVersion = get("/api/invites/" + invite, null).body().at("/agreement/version").asInt();
        return new OpenRoom(facilitator, room.body().get("roomId").asString(), invite, agreementVersion);
    }
}

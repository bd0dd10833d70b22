package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.signaling.web.ApiClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.JsonNode;

/** What the public-address tests share: a facilitator creating a room through (or around) a proxy. */
final class ProxiedRooms {

    /** Headers nginx sends for a member on https://clinic.example.org (infra/nginx-hearth.conf). */
    static final Map<String, String> FORWARDED = Map.of(
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "clinic.example.org",
            "X-Forwarded-Port", "443",
            "X-Forwarded-For", "198.51.100.23");

    private final ApiClient api;
    private final ApiClient.Login facilitator;

    ProxiedRooms(int port, String adminPassword) {
        api = new ApiClient(port);
        ApiClient.Login admin = api.login("admin", adminPassword);
        String username = "fac" + System.nanoTime() % 1_000_000;
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", username, "password", "facilitator-pass-1"), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body().toString());
        facilitator = api.login(username, "facilitator-pass-1");
    }

    String cookie() {
        return facilitator.cookie();
    }

    /** The new room's description, asked for with {@code headers} on the request. */
    JsonNode createRoom(Map<String, String> headers) {
        HttpRequest.Builder request = api.request("/api/rooms")
                .header("Content-Type", "application/json")
                .header("Cookie", facilitator.cookie())
                .header("X-CSRF-Token", facilitator.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        ApiClient.Reply reply = api.send(request);
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body();
    }

    static void assertRefused(Runnable handshake) {
        CompletionException refused = assertThrows(CompletionException.class, handshake::run);
        WebSocketHandshakeException cause = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, cause.getResponse().statusCode());
    }
}

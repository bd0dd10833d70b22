package dev.hearth.bench.hearth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The HTTP calls that open a room, as an administrator and a facilitator make them in the web client: sign-in
 * (session cookie and CSRF token), a facilitator account, a room and its invite.
 */
final class HearthApi {

    private static final String CSRF_HEADER = "X-CSRF-Token";

    private final HttpClient http;
    private final URI base;

    HearthApi(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    record Login(String cookie, String csrfToken) {
    }

    record Room(String roomId, String invite, int agreementVersion, Login facilitator) {
    }

    Login login(String username, String password) throws IOException {
        HttpResponse<String> reply = post("/api/login", Map.of("username", username, "password", password), null);
        if (reply.statusCode() != 200) {
            throw new IOException("sign-in as " + username + " failed: " + reply.statusCode());
        }
        String setCookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
        String csrf = SignalingClient.JSON.readTree(reply.body()).path("csrfToken").asString();
        return new Login(setCookie.substring(0, setCookie.indexOf(';')), csrf);
    }

    /** A facilitator account created by {@code admin}, signed in, opens one room. */
    Room openRoom(Login admin, String username, String password, String title) throws IOException {
        HttpResponse<String> created = post("/api/admin/facilitators",
                Map.of("username", username, "password", password), admin);
        if (created.statusCode() != 201) {
            throw new IOException("facilitator not created: " + created.statusCode() + " " + created.body());
        }
        Login facilitator = login(username, password);
        HttpResponse<String> room = post("/api/rooms", Map.of("title", title), facilitator);
        if (room.statusCode() != 201) {
            throw new IOException("room not created: " + room.statusCode() + " " + room.body());
        }
        JsonNode body = SignalingClient.JSON.readTree(room.body());
        String inviteUrl = body.path("inviteUrl").asString();
        String invite = inviteUrl.substring(inviteUrl.lastIndexOf('/') + 1);
        HttpResponse<String> invitation = send(HttpRequest.newBuilder(base.resolve("/api/invites/" + invite)).GET());
        int version = SignalingClient.JSON.readTree(invitation.body()).at("/agreement/version").asInt();
        return new Room(body.path("roomId").asString(), invite, version, facilitator);
    }

    /** The server's Prometheus scrape, read with its metrics token. */
    String metrics(String token) {
        try {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .header("Authorization", "Bearer " + token).GET());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + reply.statusCode());
            }
            return reply.body();
        } catch (IOException e) {
            throw new IllegalStateException("/metrics unreachable", e);
        }
    }

    private HttpResponse<String> post(String path, Map<String, ?> body, Login login) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SignalingClient.JSON.writeValueAsString(body)));
        if (login != null) {
            request.header("Cookie", login.cookie()).header(CSRF_HEADER, login.csrfToken());
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

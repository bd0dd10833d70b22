package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.account.MutableClock;
import dev.hearth.signaling.audit.AuditLog;
import dev.hearth.signaling.web.security.SecurityConfiguration;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Issue 8.1: every state-changing route the application maps, under every spelling of its path that the servlet
 * container or Spring would route to it, is refused without the session's CSRF token or from a foreign origin,
 * and changes nothing; with the token, on its canonical path, it still reaches its handler. The routes come from
 * the running application's handler mappings, so a route added later is covered without touching this test.
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + EveryRouteIsGuardedTest.ADMIN_PASSWORD})
class EveryRouteIsGuardedTest {

    static final String ADMIN_PASSWORD = "the admin passphrase";
    private static final String FACILITATOR_PASSWORD = "a facilitator passphrase";
    private static final Set<RequestMethod> STATE_CHANGING =
            Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
    /** What a guard says when it refuses: the firewall's code, and the CSRF/origin refusal. */
    private static final Set<String> GUARD_CODES = Set.of("rejected", "csrf");

    /** Bodies that make the handler do real work; routes not named here get {@code {}}. */
    private static final Map<String, String> BODIES = Map.of(
            "/api/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
            "/api/admin/facilitators", "{\"username\":\"guard.walk\",\"password\":\"" + FACILITATOR_PASSWORD + "\"}",
            "/api/rooms", "{\"title\":\"Walk\"}",
            "/api/admin/retention", "{\"recordingDays\":30,\"consentLedgerDays\":365,\"auditLogDays\":365}");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    private ApiClient api;

    record Route(RequestMethod method, String path) {
    }

    @BeforeEach
    void freshWindow() {
        api = new ApiClient(port);
        clock.advance(Duration.ofHours(13));
    }

    /** Every (method, path) the application maps that can change state, with path variables filled in. */
    private List<Route> stateChangingRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<RequestMethod> changing = new TreeSet<>(methods.isEmpty() ? STATE_CHANGING : methods);
            changing.retainAll(STATE_CHANGING);
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "r-5kq2w8x3m7p9z4tc");
                changing.forEach(method -> routes.add(new Route(method, path)));
            }
        }
        return new ArrayList<>(routes);
    }

    /**
     * Spellings that Tomcat or Spring may route to {@code path}: path parameters, encoded slashes and letters,
     * empty and dot segments, a trailing slash.
     */
    static List<String> spellings(String path) {
        List<String> variants = new ArrayList<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            variants.add(replaceSegment(segments, i, segments[i] + ";"));
            variants.add(replaceSegment(segments, i, segments[i] + ";x=1"));
            variants.add(replaceSegment(segments, i, "%" + Integer.toHexString(segments[i].charAt(0))
                    + segments[i].substring(1)));
        }
        String first = "/" + segments[0];
        String rest = path.substring(first.length());
        if (!rest.isEmpty()) {
            variants.add(first + "%2F" + rest.substring(1));
            variants.add(first + "%2f" + rest.substring(1));
            variants.add(first + "/" + rest);
            variants.add(first + "/." + rest);
            variants.add(first + "/%2e" + rest);
            variants.add(first + "/x/.." + rest);
        }
        variants.add("/" + path);
        variants.add(path + "/");
        variants.add(path + "/.");
        return variants;
    }

    private static String replaceSegment(String[] segments, int index, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == index ? replacement : segments[i]);
        }
        return path.toString();
    }

    private ApiClient.Reply send(Route route, String path, ApiClient.Login login, boolean withToken, String origin,
                                 String body) {
        HttpRequest.Builder request = api.request(path)
                .header("Content-Type", "application/json")
                .header("Cookie", login.cookie())
                .method(route.method().name(), HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header(SecurityConfiguration.CSRF_HEADER, login.csrfToken());
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return api.send(request);
    }

    private static void assertRefused(ApiClient.Reply reply, String what) {
        assertTrue(reply.status() == 403 || reply.status() == 400,
                what + " answered " + reply.status() + " " + reply.body());
        assertTrue(GUARD_CODES.contains(reply.code()), what + " answered " + reply.status() + " " + reply.body());
    }

    @Test
    void theWalkFindsTheStateChangingRoutes() {
        List<String> paths = stateChangingRoutes().stream().map(Route::path).toList();
        for (String expected : List.of("/api/login", "/api/logout", "/api/admin/facilitators", "/api/rooms",
                "/api/admin/retention/purge", "/api/setup")) {
            assertTrue(paths.contains(expected), expected + " in " + paths);
        }
    }

    @Test
    void noSpellingOfAnyStateChangingRouteWorksWithoutTheTokenOrFromAnotherSite() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        long auditBefore = audit.size();
        List<String> failures = new ArrayList<>();
        for (Route route : stateChangingRoutes()) {
            String body = BODIES.getOrDefault(route.path(), "{}");
            List<String> paths = new ArrayList<>(spellings(route.path()));
            for (String path : paths) {
                String what = route.method() + " " + path;
                try {
                    assertRefused(send(route, path, admin, false, null, body), what + " without token");
                    assertRefused(send(route, path, admin, false, "https://evil.example", body),
                            what + " without token from another site");
                    assertRefused(send(route, path, admin, true, "https://evil.example", body),
                            what + " with token from another site");
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
            try {
                assertRefused(send(route, route.path(), admin, true, "https://evil.example", body),
                        route.method() + " " + route.path() + " with token from another site");
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " unguarded:\n" + String.join("\n", failures));
        assertEquals(auditBefore, audit.size(), "a refused request changed something");
        assertEquals(200, api.get("/api/session", admin.cookie()).status(), "a refused logout ended the session");
    }

    @Test
    void noSpellingOfAnyStateChangingRouteTakesAnOversizedBody() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        long auditBefore = audit.size();
        String huge = "{\"username\":\"" + "x".repeat(100_000) + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
        List<String> failures = new ArrayList<>();
        for (Route route : stateChangingRoutes()) {
            List<String> paths = new ArrayList<>(spellings(route.path()));
            paths.add(route.path());
            for (String path : paths) {
                ApiClient.Reply reply = send(route, path, admin, true, null, huge);
                boolean refused = reply.status() == 413 && "too-large".equals(reply.code())
                        || reply.status() == 400 && "rejected".equals(reply.code());
                if (!refused) {
                    failures.add(route.method() + " " + path + " answered " + reply.status() + " " + reply.body());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " took the body:\n" + String.join("\n", failures));
        assertEquals(auditBefore, audit.size(), "an oversized request changed something");
    }

    @Test
    void withTheTokenEveryStateChangingRouteStillReachesItsHandler() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        ApiClient.Reply created = api.postJson("/api/admin/facilitators",
                Map.of("username", "route.walker", "password", FACILITATOR_PASSWORD), admin.cookie(), admin.csrfToken());
        assertEquals(201, created.status(), created.body().toString());
        List<String> failures = new ArrayList<>();
        for (Route route : stateChangingRoutes()) {
            String body = BODIES.getOrDefault(route.path(), "{}").replace("guard.walk", "walk." + failures.size()
                    + route.method().name().toLowerCase());
            // The route's own role decides; a fresh sign-in each time, because one of the routes is logout.
            ApiClient.Login login = route.path().startsWith("/api/rooms")
                    ? api.login("route.walker", FACILITATOR_PASSWORD)
                    : api.login("admin", ADMIN_PASSWORD);
            ApiClient.Reply reply = send(route, route.path(), login, true, "http://localhost:" + port, body);
            String what = route.method() + " " + route.path() + " answered " + reply.status() + " " + reply.body();
            if (GUARD_CODES.contains(reply.code()) || reply.status() == 401 || "forbidden".equals(reply.code())) {
                failures.add(what);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        ApiClient.Login facilitator = api.login("route.walker", FACILITATOR_PASSWORD);
        ApiClient.Reply room = api.postJson("/api/rooms", Map.of("title", "Canonical"), facilitator.cookie(),
                facilitator.csrfToken());
        assertEquals(201, room.status(), room.body().toString());
        assertFalse(room.body().path("inviteUrl").asString().isEmpty());
    }

    /** Every method of every route the application maps, with path variables filled in. */
    private List<Route> allRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "r-5kq2w8x3m7p9z4tc");
                (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
                        .forEach(method -> routes.add(new Route(method, path)));
            }
        }
        return new ArrayList<>(routes);
    }

    /**
     * Roles are checked on the handler methods, so they hold for every route of the admin API, for the metrics
     * (admins, or a scraper's token) and for rooms.
     */
    @Test
    void theAdminApiIsForAdminsAndRoomsForFacilitators() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        api.postJson("/api/admin/facilitators", Map.of("username", "role.walker", "password", FACILITATOR_PASSWORD),
                admin.cookie(), admin.csrfToken());
        ApiClient.Login facilitator = api.login("role.walker", FACILITATOR_PASSWORD);
        long auditBefore = audit.size();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : allRoutes()) {
            ApiClient.Login wrongRole;
            if (route.path().startsWith("/api/admin/") || route.path().equals(SecurityConfiguration.METRICS_PATH)) {
                wrongRole = facilitator;
            } else if (route.path().startsWith("/api/rooms")) {
                wrongRole = admin;
            } else {
                continue;
            }
            checked++;
            String body = BODIES.getOrDefault(route.path(), "{}");
            ApiClient.Reply reply = send(route, route.path(), wrongRole, true, null, body);
            if (reply.status() != 403 || !"forbidden".equals(reply.code())) {
                failures.add(route + " with the wrong role answered " + reply.status() + " " + reply.body());
            }
            ApiClient.Reply anonymous = api.send(api.request(route.path()).header("Content-Type", "application/json")
                    .method(route.method().name(), HttpRequest.BodyPublishers.ofString(body)));
            if (anonymous.status() != 401 && !GUARD_CODES.contains(anonymous.code())) {
                failures.add(route + " without a session answered " + anonymous.status() + " " + anonymous.body());
            }
        }
        assertTrue(checked >= 7, "the walk found the admin and room routes");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(auditBefore, audit.size(), "a refused request changed something");
    }
}

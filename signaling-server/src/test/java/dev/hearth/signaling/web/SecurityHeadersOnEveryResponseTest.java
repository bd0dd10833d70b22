package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 8.7: every response carries the same security headers: each file the web client serves (found by walking
 * {@code classpath:/static}, not listed by hand), the pages, API answers, errors, CSRF and firewall refusals.
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_ADMIN_PASSWORD=" + SecurityHeadersOnEveryResponseTest.ADMIN_PASSWORD})
class SecurityHeadersOnEveryResponseTest {

    static final String ADMIN_PASSWORD = "the admin passphrase";

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** Every file under {@code static/} on the classpath, as the path the browser asks for. */
    static List<String> staticFiles() throws IOException {
        List<String> paths = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:static/**")) {
            String url = resource.getURL().toString();
            if (resource.isReadable() && !url.endsWith("/")) {
                paths.add(url.substring(url.lastIndexOf("static/") + "static".length()));
            }
        }
        return paths;
    }

    static void assertSecurityHeaders(ApiClient.Reply reply, String what) {
        String csp = reply.header("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'")
                && csp.contains("style-src 'self'") && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'none'"), what + " CSP: " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), what + " CSP: " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + " CSP: " + csp);
        assertEquals("DENY", reply.header("X-Frame-Options").orElse(""), what);
        assertEquals("nosniff", reply.header("X-Content-Type-Options").orElse(""), what);
        assertEquals("no-referrer", reply.header("Referrer-Policy").orElse(""), what);
        assertEquals("camera=(self), microphone=(self), geolocation=()",
                reply.header("Permissions-Policy").orElse(""), what);
        assertTrue(reply.raw().headers().allValues("Content-Security-Policy").size() == 1, what + " one CSP");
    }

    @Test
    void everyStaticFileCarriesTheHeaders() throws IOException {
        List<String> files = staticFiles();
        assertTrue(files.contains("/admin.html") && files.contains("/css/hearth.css")
                && files.stream().anyMatch(f -> f.startsWith("/js/")), "the walk found the web client: " + files);
        for (String file : files) {
            ApiClient.Reply reply = api.get(file, null);
            assertEquals(200, reply.status(), file);
            assertSecurityHeaders(reply, file);
            assertTrue(reply.header("Strict-Transport-Security").isEmpty(), file + " plain http: no HSTS");
        }
    }

    @Test
    void pagesApiErrorsAndRefusalsCarryTheHeaders() {
        ApiClient.Login admin = api.login("admin", ADMIN_PASSWORD);
        Map<String, ApiClient.Reply> replies = Map.of(
                "page", api.get("/join/some-token", null),
                "API answer", api.get("/api/session", admin.cookie()),
                "sign-in", admin.reply(),
                "not signed in", api.get("/api/session", null),
                "not found", api.get("/nowhere", null),
                "CSRF refusal", api.postJson("/api/rooms", Map.of(), admin.cookie(), null),
                "firewall refusal", api.get("/api;x=1/session", admin.cookie()),
                "oversized body", api.send(api.request("/api/login").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000)))));
        assertEquals(400, replies.get("firewall refusal").status());
        assertEquals("rejected", replies.get("firewall refusal").code());
        assertEquals(403, replies.get("CSRF refusal").status());
        assertEquals(413, replies.get("oversized body").status());
        replies.forEach((what, reply) -> assertSecurityHeaders(reply, what));
        assertEquals("no-store", replies.get("API answer").header("Cache-Control").orElse(""));
        assertEquals("no-cache", replies.get("page").header("Cache-Control").orElse(""));
    }
}

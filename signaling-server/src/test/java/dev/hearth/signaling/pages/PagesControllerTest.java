package dev.hearth.signaling.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hearth.argon2.memory-kib=256", "hearth.argon2.iterations=1"})
class PagesControllerTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("hearth-pages").toString();
        registry.add("HEARTH_DATA_DIR", () -> dir);
        registry.add("HEARTH_MEDIA_PORT", () -> "0");
        registry.add("HEARTH_MEDIA_TCP_PORT", () -> "0");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertPage(String path, String marker) throws Exception {
        HttpResponse<String> page = get(path);
        assertEquals(200, page.statusCode(), path);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        assertTrue(page.body().contains(marker), path + " serves the page with " + marker);
    }

    @Test
    void joinAddressServesTheJoinPageForAnyToken() throws Exception {
        assertPage("/join/eyJ2IjoxfQ.c2lnbmF0dXJl", "join-page.js");
    }

    @Test
    void facilitatorRoomAndAdminAddressesServeTheirPages() throws Exception {
        assertPage("/facilitator", "facilitator-page.js");
        assertPage("/room/r-5kq2w8x3m7p9z4tc", "room-page.js");
        assertPage("/admin", "admin-page.js");
        assertPage("/", "Hearth");
    }

    @Test
    void pagesNeverLeakTheInviteInARefererAndRunOnlyOwnScripts() throws Exception {
        HttpResponse<String> page = get("/join/some-token");
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'"));
        assertTrue(csp.contains("frame-ancestors 'none'"));
    }

    @Test
    void unknownAddressesStayNotFound() throws Exception {
        assertEquals(404, get("/nowhere").statusCode());
        assertEquals(404, get("/join").statusCode());
        assertEquals(404, get("/room/r-1/extra").statusCode());
    }
}

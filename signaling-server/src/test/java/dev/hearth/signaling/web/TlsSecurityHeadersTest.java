package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 8.7: under {@code HEARTH_TLS=true} the server itself sends HSTS on every response, also when the TLS proxy
 * forwards plain http; it is the one source of HSTS (the nginx config no longer adds it).
 */
@Import(ApiTestConfiguration.class)
@ContextConfiguration(initializers = ApiTestConfiguration.Properties.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HEARTH_TLS=true", "HEARTH_PUBLIC_URL=https://hearth.example"})
class TlsSecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void everyResponseCarriesHsts() throws IOException {
        ApiClient api = new ApiClient(port);
        List<String> paths = new ArrayList<>(SecurityHeadersOnEveryResponseTest.staticFiles());
        paths.addAll(List.of("/", "/join/some-token", "/api/session", "/nowhere", "/api;/session", "/%61pi/session"));
        for (String path : paths) {
            ApiClient.Reply reply = api.get(path, null);
            assertEquals("max-age=63072000", reply.header("Strict-Transport-Security").orElse(""), path);
            SecurityHeadersOnEveryResponseTest.assertSecurityHeaders(reply, path);
        }
    }
}

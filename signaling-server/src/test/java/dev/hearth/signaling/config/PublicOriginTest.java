package dev.hearth.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicOriginTest {

    private static PublicOrigin of(Map<String, String> env) {
        return new PublicOrigin(HearthSettings.fromEnvironment(env));
    }

    /** Without a public URL the page must come from the scheme, host and port the request arrived on. */
    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080, http, localhost, 8080, true",
        "https://hearth.example, https, hearth.example, 443, true",
        "https://HEARTH.example:443, https, hearth.example, -1, true",
        "http://hearth.example, http, hearth.example, 80, true",
        "http://[::1]:8080, http, ::1, 8080, true",
        "https://evil.example, https, hearth.example, 443, false",
        "http://localhost:8081, http, localhost, 8080, false",
        "https://hearth.example.evil.example, https, hearth.example, 443, false",
        "https://hearth.example, http, hearth.example, 80, false",
        "null, http, localhost, 8080, false",
        "'not a uri %%', http, localhost, 8080, false",
        "file:///etc, http, localhost, 8080, false"})
    void originMustBeTheOneTheRequestArrivedOn(String origin, String scheme, String host, int port,
                                               boolean allowed) {
        assertEquals(allowed, of(Map.of()).allows("null".equals(origin) ? null : origin, scheme, host, port));
    }

    /** Behind a TLS proxy the server sees http://127.0.0.1:8080; only the public https origin may drive it. */
    @Test
    void aConfiguredPublicUrlIsTheOnlyOriginAndTheBaseOfLinks() {
        PublicOrigin origin = of(Map.of("HEARTH_TLS", "true", "HEARTH_PUBLIC_URL", "https://Hearth.Example.org/"));
        assertEquals("https://hearth.example.org", origin.base("http", "127.0.0.1", 8080));
        assertEquals(true, origin.allows("https://hearth.example.org", "http", "127.0.0.1", 8080));
        assertEquals(false, origin.allows("http://127.0.0.1:8080", "http", "127.0.0.1", 8080));
        assertEquals(false, origin.allows("http://hearth.example.org", "http", "127.0.0.1", 8080));
    }

    @Test
    void withoutAPublicUrlLinksFollowTheRequest() {
        assertEquals("http://localhost:8080", of(Map.of()).base("http", "localhost", 8080));
        assertEquals("https://clinic.example", of(Map.of()).base("https", "clinic.example", 443));
    }
}

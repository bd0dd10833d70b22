package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameOriginHandshakeInterceptorTest {

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080, localhost:8080, true",
        "https://hearth.example, hearth.example, true",
        "https://hearth.example, hearth.example:443, true",
        "http://hearth.example, hearth.example:80, true",
        "https://evil.example, hearth.example, false",
        "http://localhost:8081, localhost:8080, false",
        "https://hearth.example.evil.example, hearth.example, false",
        "null, localhost:8080, false",
        "'not a uri %%', localhost:8080, false"})
    void originMustNameTheHostServingThePage(String origin, String host, boolean allowed) {
        assertEquals(allowed, SameOriginHandshakeInterceptor.sameHost(origin, host));
    }
}

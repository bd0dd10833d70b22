package dev.hearth.signaling.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiRequestGuardTest {

    @Test
    void originMatchesTheHostItWasSentTo() {
        assertTrue(ApiRequestGuard.sameHost("http://localhost:8080", "localhost:8080"));
        assertTrue(ApiRequestGuard.sameHost("https://Hearth.Example", "hearth.example"));
        assertTrue(ApiRequestGuard.sameHost("https://hearth.example", "hearth.example:443"));
        assertTrue(ApiRequestGuard.sameHost("http://[::1]:8080", "[::1]:8080"));
    }

    @Test
    void anyOtherOriginIsForeign() {
        assertFalse(ApiRequestGuard.sameHost("https://evil.example", "hearth.example"));
        assertFalse(ApiRequestGuard.sameHost("http://localhost:8081", "localhost:8080"));
        assertFalse(ApiRequestGuard.sameHost("https://hearth.example", "hearth.example:80"));
        assertFalse(ApiRequestGuard.sameHost("https://hearth.example.evil.example", "hearth.example"));
        assertFalse(ApiRequestGuard.sameHost("null", "hearth.example"));
        assertFalse(ApiRequestGuard.sameHost("file:///etc", "hearth.example"));
        assertFalse(ApiRequestGuard.sameHost("http://hearth.example", null));
        assertFalse(ApiRequestGuard.sameHost("http://hearth.example", "hearth.example/path"));
        assertFalse(ApiRequestGuard.sameHost("http://a b", "a b"));
    }

    @Test
    void onlyJsonCountsAsJson() {
        assertTrue(ApiRequestGuard.isJson("application/json"));
        assertTrue(ApiRequestGuard.isJson("Application/JSON; charset=UTF-8"));
        assertFalse(ApiRequestGuard.isJson("text/plain"));
        assertFalse(ApiRequestGuard.isJson("application/x-www-form-urlencoded"));
        assertFalse(ApiRequestGuard.isJson("multipart/form-data; boundary=x"));
        assertFalse(ApiRequestGuard.isJson("application/json-patch+json"));
        assertFalse(ApiRequestGuard.isJson(";;;"));
        assertFalse(ApiRequestGuard.isJson(null));
    }
}

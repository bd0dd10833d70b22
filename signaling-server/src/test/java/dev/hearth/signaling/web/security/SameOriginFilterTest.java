package dev.hearth.signaling.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.config.PublicOrigin;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class SameOriginFilterTest {

    private final SameOriginFilter filter = new SameOriginFilter(
            new PublicOrigin(HearthSettings.fromEnvironment(Map.of())), pathPattern(HttpMethod.POST, "/api/login"),
            new JsonRefusals(JsonMapper.builder().build()));

    private MockHttpServletResponse run(String method, String path, String origin, String contentType)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServerName("hearth.example");
        request.setServerPort(8080);
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        request.setContentType(contentType);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() == null) {
            assertTrue(response.getContentAsString().startsWith("{\"code\":"), response.getContentAsString());
        }
        return chain.getRequest() == null ? response : null;
    }

    @Test
    void aChangeFromAnotherOriginIsRefusedOnAnyPath() throws Exception {
        for (String path : new String[] {"/api/rooms", "/api/login", "/anything"}) {
            MockHttpServletResponse refused = run("POST", path, "https://evil.example", "application/json");
            assertNotNull(refused, path);
            assertEquals(403, refused.getStatus());
            assertTrue(refused.getContentAsString().contains("\"csrf\""));
        }
        assertNotNull(run("DELETE", "/api/rooms", "null", null), "an opaque origin is foreign");
        assertNotNull(run("PUT", "/api/rooms", "http://hearth.example:8081", null), "another port is foreign");
    }

    @Test
    void ownOriginNoOriginAndReadsPass() throws Exception {
        assertNull(run("POST", "/api/rooms", "http://hearth.example:8080", null));
        assertNull(run("POST", "/api/rooms", "HTTP://Hearth.Example:8080", null));
        assertNull(run("POST", "/api/rooms", null, null));
        assertNull(run("GET", "/api/rooms", "https://evil.example", null));
    }

    @Test
    void signInMustBeJson() throws Exception {
        MockHttpServletResponse form = run("POST", "/api/login", null, "application/x-www-form-urlencoded");
        assertNotNull(form);
        assertEquals(415, form.getStatus());
        assertTrue(form.getContentAsString().contains("json-required"));
        assertNull(run("POST", "/api/login", null, "Application/JSON; charset=UTF-8"));
    }

    @Test
    void onlyJsonIsJson() {
        assertTrue(SameOriginFilter.isJson("application/json"));
        assertTrue(SameOriginFilter.isJson("Application/JSON; charset=UTF-8"));
        assertFalse(SameOriginFilter.isJson("text/plain"));
        assertFalse(SameOriginFilter.isJson("application/x-www-form-urlencoded"));
        assertFalse(SameOriginFilter.isJson("multipart/form-data; boundary=x"));
        assertFalse(SameOriginFilter.isJson("application/json-patch+json"));
        assertFalse(SameOriginFilter.isJson(";;;"));
        assertFalse(SameOriginFilter.isJson(null));
    }
}

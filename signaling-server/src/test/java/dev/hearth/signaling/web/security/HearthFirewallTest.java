package dev.hearth.signaling.web.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class HearthFirewallTest {

    private final HearthFirewall firewall = new HearthFirewall();

    private static MockHttpServletRequest request(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServletPath(uri);
        return request;
    }

    @Test
    void ambiguousSpellingsAreRejected() {
        for (String uri : List.of("/api;/rooms", "/api;x=1/admin/facilitators", "/%61pi/login", "/api/%72ooms",
                "/api%2Fadmin/facilitators", "/api%2fadmin", "//api/rooms", "/api//rooms", "/api/./rooms",
                "/api/x/../rooms", "/api/%2e/rooms", "/api/%252e/rooms", "/api\\rooms", "/join/a%20b")) {
            assertThrows(RequestRejectedException.class, () -> firewall.getFirewalledRequest(request(uri)), uri);
        }
    }

    @Test
    void hearthsOwnAddressesPass() {
        for (String uri : List.of("/", "/api/rooms", "/api/admin/facilitators", "/join/eyJ2IjoxfQ.c2ln-_bmF0dXJl",
                "/room/r-5kq2w8x3m7p9z4tc", "/js/room-page.js", "/api/rooms/")) {
            assertNotNull(firewall.getFirewalledRequest(request(uri)), uri);
        }
    }
}

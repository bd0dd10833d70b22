package dev.hearth.signaling.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Maps the web client's addresses to its HTML files (served from {@code classpath:/static}); the pages read
 * the invite token or room id from their own address. Any other path stays a 404.
 */
@Controller
class PagesController {

    @GetMapping("/")
    String home(HttpServletResponse response) {
        return page(response, "index.html");
    }

    /** The token is checked by the page's call to /api/invites/{token}, which explains a bad link in words. */
    @GetMapping("/join/{token}")
    String join(HttpServletResponse response) {
        return page(response, "join.html");
    }

    @GetMapping("/facilitator")
    String facilitator(HttpServletResponse response) {
        return page(response, "facilitator.html");
    }

    /** The page reads the room id from its own address when it enters the room over the socket. */
    @GetMapping("/room/{roomId}")
    String room(HttpServletResponse response) {
        return page(response, "room.html");
    }

    @GetMapping("/admin")
    String admin(HttpServletResponse response) {
        return page(response, "admin.html");
    }

    private static String page(HttpServletResponse response, String file) {
        // Pages are tiny and change with each release; a stale cached page could speak an old protocol. The
        // security headers come from the filter chain (web/security/SecurityHeaders), as on every response.
        response.setHeader("Cache-Control", "no-cache");
        return "forward:/" + file;
    }
}

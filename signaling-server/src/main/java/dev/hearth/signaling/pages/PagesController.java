package dev.hearth.signaling.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

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
    String join(@PathVariable String token, HttpServletResponse response) {
        return page(response, "join.html");
    }

    @GetMapping("/facilitator")
    String facilitator(HttpServletResponse response) {
        return page(response, "facilitator.html");
    }

    @GetMapping("/room/{roomId}")
    String room(@PathVariable String roomId, HttpServletResponse response) {
        return page(response, "room.html");
    }

    @GetMapping("/admin")
    String admin(HttpServletResponse response) {
        return page(response, "admin.html");
    }

    private static String page(HttpServletResponse response, String file) {
        PageHeaders.applyTo(response);
        return "forward:/" + file;
    }
}

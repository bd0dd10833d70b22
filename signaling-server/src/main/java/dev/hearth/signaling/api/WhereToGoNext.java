package dev.hearth.signaling.api;

import dev.hearth.signaling.config.HearthSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who ran `./hearth start` where to go next. Printed to the console, not logged. */
@Component
class WhereToGoNext {

    private final HearthSettings settings;

    WhereToGoNext(HearthSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : settings.httpPort();
        String base = (settings.tls() ? "https" : "http") + "://localhost:" + port;
        String admin = settings.adminPassword().isPresent()
                ? "sign in as 'admin' with the password from HEARTH_ADMIN_PASSWORD"
                : "sign in as 'admin' (first start: with the one-time setup code shown on this console)";
        System.out.println();
        System.out.println("  Hearth is running at " + base);
        System.out.println("  Admins:       " + base + "/admin  - " + admin);
        System.out.println("  Facilitators: " + base + "/facilitator");
        System.out.println("  Data:         " + settings.dataDir());
        System.out.println();
    }
}

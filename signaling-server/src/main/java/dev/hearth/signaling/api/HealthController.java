package dev.hearth.signaling.api;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for operators and the launcher: 200 only once the server accepts joins. */
@RestController
public class HealthController {

    private final AtomicBoolean ready = new AtomicBoolean();

    @EventListener(ApplicationReadyEvent.class)
    void markReady() {
        ready.set(true);
    }

    @GetMapping("/healthz")
    ResponseEntity<Map<String, Object>> health() {
        if (!ready.get()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("status", "starting", "acceptingJoins", false));
        }
        return ResponseEntity.ok(Map.of("status", "ok", "acceptingJoins", true));
    }
}

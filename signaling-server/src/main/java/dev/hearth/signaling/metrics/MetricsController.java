package dev.hearth.signaling.metrics;

import dev.hearth.signaling.web.security.SecurityConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: every {@code hearth_*} meter in Prometheus' text format, for signed-in admins and, when
 * {@code HEARTH_METRICS_TOKEN} is set, for a scraper presenting it as a bearer token. Nobody else: the numbers say
 * when sessions happen and how many attend, which is not for the public.
 */
@RestController
public class MetricsController {

    /** Prometheus' text exposition format, version 0.0.4. */
    static final MediaType TEXT_FORMAT = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");

    private final PrometheusMeterRegistry registry;
    private final HearthMeters meters;

    public MetricsController(PrometheusMeterRegistry registry, HearthMeters meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'METRICS_SCRAPER')")
    @GetMapping(SecurityConfiguration.METRICS_PATH)
    ResponseEntity<String> scrape() {
        meters.sample();
        return ResponseEntity.ok().contentType(TEXT_FORMAT).body(registry.scrape());
    }
}

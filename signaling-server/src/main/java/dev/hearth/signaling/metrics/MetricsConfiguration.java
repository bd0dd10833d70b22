package dev.hearth.signaling.metrics;

import dev.hearth.relay.metrics.LoopLagProbe;
import dev.hearth.relay.recording.FileRecordingArchive;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.serial.RoomTurns;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer with its Prometheus registry, wired by hand rather than through Spring Boot's actuator: one
 * controller under the same filter chain and {@code @PreAuthorize} as every other route (and walked by
 * {@code EveryRouteIsGuardedTest}), no second handler mapping, management port or endpoint family to lock down.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    static final String PREFIX = "hearth.";

    /** How often each packet loop is asked to run the lag probe's task. */
    static final Duration LAG_PERIOD = Duration.ofMillis(250);

    /**
     * Only {@code hearth.*} meters: binders that frameworks add on their own when they see a registry (Tomcat's
     * sessions, say) would put labels on the scrape that nobody here checked for personal data.
     */
    @Bean
    PrometheusMeterRegistry prometheusMeterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(PREFIX)));
        return registry;
    }

    @Bean
    HearthMeters hearthMeters(PrometheusMeterRegistry registry, UdpMediaServer mediaServer,
                              InProcessRelayControl relayControl, FileRecordingArchive recordingArchive,
                              RoomRegistry rooms, RoomTurns turns) {
        return new HearthMeters(registry, mediaServer, relayControl, recordingArchive, rooms, turns);
    }

    @Bean(destroyMethod = "close")
    LoopLagProbe loopLagProbe(UdpMediaServer mediaServer, HearthMeters meters) {
        List<LoopLagProbe.Scheduler> loops = mediaServer.eventLoops().stream()
                .<LoopLagProbe.Scheduler>map(loop -> loop::schedule)
                .toList();
        LoopLagProbe probe = new LoopLagProbe(loops, LAG_PERIOD, System::nanoTime, meters::loopLag);
        probe.start();
        return probe;
    }
}

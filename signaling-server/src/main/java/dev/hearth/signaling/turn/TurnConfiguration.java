package dev.hearth.signaling.turn;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TurnConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TurnConfiguration.class);

    @Bean
    TurnCredentials turnCredentials(HearthSettings settings, Clock clock) {
        return settings.turn()
                .map(turn -> {
                    log.info("turn.enabled urls={} ttl={}", turn.urls(), turn.ttl());
                    return new TurnCredentials(turn.urls(), turn.secret(), turn.ttl(), clock);
                })
                .orElseGet(() -> {
                    log.info("turn.disabled (members whose network blocks UDP to the relay cannot send media;"
                            + " set HEARTH_TURN_URLS and HEARTH_TURN_SECRET)");
                    return TurnCredentials.none();
                });
    }
}

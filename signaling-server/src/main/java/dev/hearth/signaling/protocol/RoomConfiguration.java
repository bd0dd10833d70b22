package dev.hearth.signaling.protocol;

import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.room.KnockLimiter;
import dev.hearth.signaling.room.RoomRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Rooms live in memory in the embedded default; the timer expires reconnection grace periods. The lobby
 * capacity and the knock limit come from the settings (HEARTH_LOBBY_CAPACITY, HEARTH_KNOCKS_PER_MINUTE).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RoomConfiguration {

    @Bean
    RoomRegistry roomRegistry(Clock clock, HearthSettings settings) {
        return new RoomRegistry(clock, settings.lobbyCapacity());
    }

    @Bean
    KnockLimiter knockLimiter(Clock clock, HearthSettings settings) {
        return new KnockLimiter(settings.knocksPerMinute(), clock);
    }
}

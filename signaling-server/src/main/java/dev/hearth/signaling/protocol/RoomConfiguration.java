package dev.hearth.signaling.protocol;

import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.room.KnockLimiter;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.room.RoomStore;
import dev.hearth.signaling.serial.RoomTurns;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Rooms live in memory and in the {@link RoomStore} (embedded: a file per room in the data directory), from which the
 * registry starts; the timer expires reconnection grace periods. The lobby capacity and the knock limit come from the
 * settings (HEARTH_LOBBY_CAPACITY, HEARTH_KNOCKS_PER_MINUTE). Every command on a room runs in that room's turn
 * ({@link RoomTurns}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RoomConfiguration {

    @Bean
    RoomRegistry roomRegistry(Clock clock, HearthSettings settings, RoomStore store) {
        return new RoomRegistry(clock, settings.lobbyCapacity(), store);
    }

    /** How long an HTTP or WebSocket caller waits for a busy room before it is told {@code unavailable}. */
    static final Duration TURN_WAIT = Duration.ofSeconds(10);

    /** Commands block on relay round-trips and fsyncs, so the shared pool has more threads than cores. */
    @Bean(destroyMethod = "close")
    RoomTurns roomTurns() {
        return new RoomTurns(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), TURN_WAIT);
    }

    @Bean
    KnockLimiter knockLimiter(Clock clock, HearthSettings settings) {
        return new KnockLimiter(settings.knocksPerMinute(), clock);
    }
}

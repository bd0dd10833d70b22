package dev.hearth.signaling.protocol;

import dev.hearth.signaling.room.RoomRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Rooms live in memory in the embedded default; the timer expires reconnection grace periods. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RoomConfiguration {

    @Bean
    RoomRegistry roomRegistry(Clock clock) {
        return new RoomRegistry(clock);
    }
}

package dev.hearth.signaling.invite;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Invite tokens signed with the key kept in the data directory. */
@Configuration(proxyBeanMethods = false)
public class InviteConfiguration {

    @Bean
    InviteTokens inviteTokens(HearthSettings settings, Clock clock) {
        return new InviteTokens(InviteKeyFile.loadOrCreate(settings.dataDir()), clock);
    }
}

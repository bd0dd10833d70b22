package dev.hearth.signaling.invite;

import dev.hearth.signaling.config.HearthSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Invite tokens signed with the key kept in the data directory; revocations and rotations kept beside it. */
@Configuration(proxyBeanMethods = false)
public class InviteConfiguration {

    @Bean
    InviteRegistry inviteRegistry(HearthSettings settings, Clock clock) {
        return FileInviteRegistry.open(settings.dataDir(), clock);
    }

    @Bean
    InviteTokens inviteTokens(HearthSettings settings, Clock clock, InviteRegistry registry) {
        return new InviteTokens(InviteKeyFile.loadOrCreate(settings.dataDir()), clock, registry);
    }
}

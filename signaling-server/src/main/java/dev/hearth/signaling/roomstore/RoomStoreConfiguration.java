package dev.hearth.signaling.roomstore;

import dev.hearth.relay.recording.MasterKey;
import dev.hearth.signaling.config.HearthSettings;
import dev.hearth.signaling.room.RoomStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default keeps rooms in the data directory, sealed under their own subkey of the master key, so a
 * restart of the one process brings every room back (live sessions included, for their reconnection grace).
 */
@Configuration(proxyBeanMethods = false)
public class RoomStoreConfiguration {

    @Bean
    RoomStore roomStore(HearthSettings settings, MasterKey masterKey, Clock clock) {
        return new FileRoomStore(settings.dataDir(), new RoomSnapshotCodec(masterKey.subKey(RoomSnapshotCodec.PURPOSE)),
                clock);
    }
}

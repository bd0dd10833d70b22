package dev.hearth.signaling.media;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.dtls.DtlsConfig;
import dev.hearth.relay.recording.FileRecordingArchive;
import dev.hearth.relay.recording.MasterKey;
import dev.hearth.relay.recording.RecordingArchive;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.CandidateAddresses;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;
import dev.hearth.signaling.config.ConfigException;
import dev.hearth.signaling.config.HearthSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded default runs the media relay in the same process: one UDP port for every transport, and
 * the in-process {@link RelayControl}, which records into the encrypted {@link RecordingArchive} under
 * {@code <dataDir>/recordings/}.
 */
@Configuration(proxyBeanMethods = false)
public class MediaRelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaRelayConfiguration.class);

    @Bean(destroyMethod = "close")
    UdpMediaServer mediaServer(HearthSettings settings) {
        // Without HEARTH_PUBLIC_IP the relay advertises the host's addresses plus loopback, so a browser on
        // the same machine (the `./hearth start` case) can always reach it.
        List<InetAddress> advertised = settings.publicIp().map(List::of)
                .orElseGet(() -> CandidateAddresses.resolve(Map.of(), true));
        InetAddress bind = new InetSocketAddress(0).getAddress();
        UdpMediaServer server = UdpMediaServer.start(new UdpMediaServerConfig(bind, settings.mediaPort(), advertised,
                UdpMediaServerConfig.DEFAULT_CONSENT_TIMEOUT, DtlsConfig.defaults()));
        log.info("relay.start udpPort={} candidates={}", server.localAddress().getPort(),
                advertised.stream().map(InetAddress::getHostAddress).toList());
        return server;
    }

    /**
     * {@code HEARTH_MASTER_KEY} (base64 of 32 bytes) or, when unset, {@code <dataDir>/master.key}, generated on
     * first start with a warning to back it up and keep it apart from the data.
     */
    @Bean
    MasterKey recordingMasterKey(HearthSettings settings, Environment environment) {
        try {
            return MasterKey.load(Optional.ofNullable(environment.getProperty(MasterKey.ENVIRONMENT_VARIABLE)),
                    settings.dataDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MasterKey.ENVIRONMENT_VARIABLE, "must be base64 of exactly 32 random bytes");
        }
    }

    /** Both the relay's recorder and the archive signaling lists, exports and shreds. */
    @Bean
    FileRecordingArchive recordingArchive(HearthSettings settings, MasterKey masterKey, ObjectProvider<Clock> clock) {
        return new FileRecordingArchive(settings.dataDir(), masterKey, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean(destroyMethod = "close")
    InProcessRelayControl relayControl(UdpMediaServer mediaServer, FileRecordingArchive recordingArchive) {
        return new InProcessRelayControl(mediaServer, recordingArchive);
    }
}

package dev.hearth.signaling.media;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.dtls.DtlsConfig;
import dev.hearth.relay.dtls.DtlsSrtpProfile;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default runs the media relay in the same process: one UDP port (and one passive ICE-TCP port)
 * for every transport, and
 * the in-process {@link RelayControl}, which records into the encrypted {@link RecordingArchive} under
 * {@code <dataDir>/recordings/}.
 */
@Configuration(proxyBeanMethods = false)
public class MediaRelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaRelayConfiguration.class);

    @Bean(destroyMethod = "close")
    UdpMediaServer mediaServer(HearthSettings settings, Clock clock) {
        // Without HEARTH_PUBLIC_IP the relay advertises the host's addresses plus loopback, so a browser on
        // the same machine (the `./hearth start` case) can always reach it.
        List<InetAddress> advertised = settings.publicIps().isEmpty()
                ? CandidateAddresses.hostAddresses(true) : settings.publicIps();
        // The relay binds one socket per local address itself (answers must leave from the address checked) and
        // the wildcard for public addresses behind NAT; see the relay's ListeningAddresses.
        int tcpPort = settings.mediaTcpPort() == HearthSettings.MEDIA_TCP_OFF
                ? UdpMediaServerConfig.TCP_OFF : settings.mediaTcpPort();
        UdpMediaServer server = UdpMediaServer.start(new UdpMediaServerConfig(settings.mediaPort(), tcpPort,
                advertised, UdpMediaServerConfig.DEFAULT_CONSENT_TIMEOUT,
                DtlsConfig.defaults().withSrtpProfiles(settings.srtpProfiles()))
                        .withThreads(settings.mediaThreads()),
                DtlsCertificate.generate(clock, DtlsCertificate.DEFAULT_VALIDITY));
        log.info("relay.start udpPort={} tcpPort={} candidates={} srtpProfiles={}", server.localAddress().getPort(),
                server.tcpAddress() == null ? "off" : server.tcpAddress().getPort(),
                advertised.stream().map(InetAddress::getHostAddress).toList(),
                settings.srtpProfiles().stream().map(DtlsSrtpProfile::settingName).toList());
        return server;
    }

    /**
     * {@code HEARTH_MASTER_KEY} (base64 of 32 bytes) or, when unset, {@code <dataDir>/master.key}, generated on
     * first start with a warning to back it up and keep it apart from the data.
     */
    @Bean
    MasterKey recordingMasterKey(HearthSettings settings) {
        MasterKey key;
        try {
            key = MasterKey.load(settings.masterKey(), settings.dataDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(HearthSettings.MASTER_KEY, "must be base64 of exactly 32 random bytes");
        }
        warnWhenKeyIsBesideTheData(settings);
        return key;
    }

    /**
     * On every start, not only the first: encryption at rest only holds against whoever copies the data directory
     * (a backup, a stolen or decommissioned disk) while the key is kept elsewhere, and a key file left beside the
     * data quietly undoes that. Path and setting name only, never key bytes.
     */
    static void warnWhenKeyIsBesideTheData(HearthSettings settings) {
        Path file = settings.dataDir().resolve(MasterKey.FILE_NAME);
        if (settings.masterKey().isEmpty()) {
            log.warn("event=master_key_in_data_dir file={} risk=\"the key that decrypts every recording lies beside"
                    + " them: a copy of the data directory reads them all\" action=\"set {} to this file's content"
                    + " in an environment file outside the data directory (mode 0600, e.g. /etc/hearth/hearth.env),"
                    + " back it up apart from the data, then delete the file; see docs/recording.md#keys\"",
                    file, HearthSettings.MASTER_KEY);
        } else if (Files.exists(file)) {
            log.warn("event=master_key_in_data_dir file={} risk=\"{} is set, but a master key file is still in the"
                    + " data directory\" action=\"once the key in {} and its backup are confirmed, delete the file;"
                    + " see docs/recording.md#keys\"", file, HearthSettings.MASTER_KEY, HearthSettings.MASTER_KEY);
        }
    }

    /** Both the relay's recorder and the archive signaling lists, exports and shreds. */
    @Bean
    FileRecordingArchive recordingArchive(HearthSettings settings, MasterKey masterKey, Clock clock) {
        return new FileRecordingArchive(settings.dataDir(), masterKey, clock);
    }

    @Bean(destroyMethod = "close")
    InProcessRelayControl relayControl(UdpMediaServer mediaServer, FileRecordingArchive recordingArchive) {
        return new InProcessRelayControl(mediaServer, recordingArchive);
    }
}

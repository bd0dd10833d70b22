package dev.hearth.signaling.media;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.dtls.DtlsConfig;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.CandidateAddresses;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;
import dev.hearth.signaling.config.HearthSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default runs the media relay in the same process: one UDP port for every transport, and
 * the in-process {@link RelayControl}.
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

    @Bean(destroyMethod = "close")
    InProcessRelayControl relayControl(UdpMediaServer mediaServer) {
        return new InProcessRelayControl(mediaServer);
    }
}

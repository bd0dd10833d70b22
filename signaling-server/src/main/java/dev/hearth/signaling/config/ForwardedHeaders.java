package dev.hearth.signaling.config;

import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;

/** Tomcat's {@link RemoteIpValve}, trusting exactly the configured proxy addresses and nothing by default. */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    static RemoteIpValve fromProxies(List<InetAddress> proxies) {
        RemoteIpValve valve = new RemoteIpValve();
        // Tomcat's default trusts every private range; a clinic's LAN is not a proxy.
        valve.setInternalProxies(proxies.stream()
                .map(InetAddress::getHostAddress)
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setHostHeader("X-Forwarded-Host");
        valve.setPortHeader("X-Forwarded-Port");
        return valve;
    }
}

package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.DtlsConfig;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the relay's ports are set up. Which sockets are bound follows from the advertised addresses (see
 * {@link ListeningAddresses}): one per local address, a wildcard for addresses behind NAT.
 *
 * @param port           the one UDP port of every transport; 0 picks a free one
 * @param tcpPort        the passive ICE-TCP port (RFC 6544); 0 picks a free one, {@link #TCP_OFF} opens none
 * @param advertised     addresses put in host candidates together with the bound ports
 * @param consentTimeout a pair without an authenticated check (or a keepalive indication) for this long loses
 *                       consent, and the transport closes when no pair has it left (RFC 7675 uses 30 s)
 * @param dtls           DTLS handshake timing
 * @param tcpLimits      what unauthenticated ICE-TCP connections may cost
 * @param threads        packet event loops; each room lives on one of them ({@link #defaultThreads()}: one per core)
 */
public record UdpMediaServerConfig(int port, int tcpPort, List<InetAddress> advertised, Duration consentTimeout,
                                   DtlsConfig dtls, IceTcpLimits tcpLimits, int threads) {

    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /** {@link #tcpPort} value for a relay without ICE-TCP. */
    public static final int TCP_OFF = -1;

    public UdpMediaServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (tcpPort != TCP_OFF && (tcpPort < 0 || tcpPort > 65535)) {
            throw new IllegalArgumentException("TCP port must be 0-65535, or off");
        }
        advertised = List.copyOf(advertised);
        if (advertised.isEmpty()) {
            throw new IllegalArgumentException("at least one advertised address is required");
        }
        if (consentTimeout == null || consentTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("consent timeout must be at least one millisecond");
        }
        if (dtls == null) {
            throw new IllegalArgumentException("DTLS config is required");
        }
        if (tcpLimits == null) {
            throw new IllegalArgumentException("ICE-TCP limits are required");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("packet threads must be 1-" + MAX_THREADS);
        }
    }

    public UdpMediaServerConfig(int port, int tcpPort, List<InetAddress> advertised, Duration consentTimeout,
            DtlsConfig dtls, IceTcpLimits tcpLimits) {
        this(port, tcpPort, advertised, consentTimeout, dtls, tcpLimits, defaultThreads());
    }

    public UdpMediaServerConfig(int port, int tcpPort, List<InetAddress> advertised, Duration consentTimeout,
            DtlsConfig dtls) {
        this(port, tcpPort, advertised, consentTimeout, dtls, IceTcpLimits.DEFAULTS);
    }

    /** More loops than this buys nothing but handovers: a room never spans loops. */
    public static final int MAX_THREADS = 256;

    /** One packet loop per available processor. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** Loopback only, any free UDP and TCP port: for tests and local development. */
    public static UdpMediaServerConfig loopback() {
        return new UdpMediaServerConfig(0, 0, List.of(InetAddress.getLoopbackAddress()), DEFAULT_CONSENT_TIMEOUT,
                DtlsConfig.defaults());
    }

    public boolean tcpEnabled() {
        return tcpPort != TCP_OFF;
    }

    public UdpMediaServerConfig withConsentTimeout(Duration timeout) {
        return new UdpMediaServerConfig(port, tcpPort, advertised, timeout, dtls, tcpLimits, threads);
    }

    public UdpMediaServerConfig withPort(int newPort) {
        return new UdpMediaServerConfig(newPort, tcpPort, advertised, consentTimeout, dtls, tcpLimits, threads);
    }

    public UdpMediaServerConfig withTcpPort(int newPort) {
        return new UdpMediaServerConfig(port, newPort, advertised, consentTimeout, dtls, tcpLimits, threads);
    }

    public UdpMediaServerConfig withAdvertised(List<InetAddress> addresses) {
        return new UdpMediaServerConfig(port, tcpPort, addresses, consentTimeout, dtls, tcpLimits, threads);
    }

    public UdpMediaServerConfig withTcpLimits(IceTcpLimits limits) {
        return new UdpMediaServerConfig(port, tcpPort, advertised, consentTimeout, dtls, limits, threads);
    }

    public UdpMediaServerConfig withThreads(int count) {
        return new UdpMediaServerConfig(port, tcpPort, advertised, consentTimeout, dtls, tcpLimits, count);
    }

    /** How often consent is checked: often enough that expiry is late by at most a quarter of the timeout. */
    Duration consentCheckPeriod() {
        Duration quarter = consentTimeout.dividedBy(4);
        Duration second = Duration.ofSeconds(1);
        Duration period = quarter.compareTo(second) < 0 ? quarter : second;
        return period.toMillis() < 1 ? Duration.ofMillis(1) : period;
    }
}

package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.DtlsConfig;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the relay's UDP port is set up.
 *
 * @param bindAddress    where the socket listens (0.0.0.0 in production, 127.0.0.1 in tests)
 * @param port           the one UDP port of every transport; 0 picks a free one
 * @param advertised     addresses put in host candidates together with the bound port
 * @param consentTimeout a pair without an authenticated check (or a keepalive indication) for this long loses
 *                       consent, and the transport closes when no pair has it left (RFC 7675 uses 30 s)
 * @param dtls           DTLS handshake timing
 */
public record UdpMediaServerConfig(InetAddress bindAddress, int port, List<InetAddress> advertised,
                                   Duration consentTimeout, DtlsConfig dtls) {

    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    public UdpMediaServerConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
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
    }

    /** Loopback only, any free port: for tests and local development. */
    public static UdpMediaServerConfig loopback() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new UdpMediaServerConfig(loopback, 0, List.of(loopback), DEFAULT_CONSENT_TIMEOUT,
                DtlsConfig.defaults());
    }

    public UdpMediaServerConfig withConsentTimeout(Duration timeout) {
        return new UdpMediaServerConfig(bindAddress, port, advertised, timeout, dtls);
    }

    public UdpMediaServerConfig withPort(int newPort) {
        return new UdpMediaServerConfig(bindAddress, newPort, advertised, consentTimeout, dtls);
    }

    /** How often consent is checked: often enough that expiry is late by at most a quarter of the timeout. */
    Duration consentCheckPeriod() {
        Duration quarter = consentTimeout.dividedBy(4);
        Duration second = Duration.ofSeconds(1);
        Duration period = quarter.compareTo(second) < 0 ? quarter : second;
        return period.toMillis() < 1 ? Duration.ofMillis(1) : period;
    }
}

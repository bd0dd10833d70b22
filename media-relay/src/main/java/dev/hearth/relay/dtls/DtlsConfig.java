package dev.hearth.relay.dtls;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Timing of the relay's DTLS handshakes, and the SRTP profiles they may agree on.
 *
 * @param handshakeTimeout how long a client has to finish the handshake before the session fails and its
 *                         thread is released
 * @param initialRetransmit how long to wait for the client's next flight before resending ours; doubles on
 *                          each resend (RFC 6347 section 4.2.4 recommends one second)
 * @param srtpProfiles the SRTP profiles the relay accepts, most preferred first; a client offering none of them
 *                     fails the handshake
 */
public record DtlsConfig(Duration handshakeTimeout, Duration initialRetransmit, List<DtlsSrtpProfile> srtpProfiles) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_RETRANSMIT = Duration.ofSeconds(1);

    public DtlsConfig {
        requirePositiveMillis(handshakeTimeout, "handshake timeout");
        requirePositiveMillis(initialRetransmit, "initial retransmit");
        if (initialRetransmit.compareTo(handshakeTimeout) > 0) {
            throw new IllegalArgumentException("initial retransmit must not exceed the handshake timeout");
        }
        if (srtpProfiles == null || srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile is required");
        }
        srtpProfiles = List.copyOf(srtpProfiles);
        if (new HashSet<>(srtpProfiles).size() != srtpProfiles.size()) {
            throw new IllegalArgumentException("each SRTP profile may be listed once");
        }
    }

    public DtlsConfig(Duration handshakeTimeout, Duration initialRetransmit) {
        this(handshakeTimeout, initialRetransmit, DtlsSrtpProfile.DEFAULT_ORDER);
    }

    public static DtlsConfig defaults() {
        return new DtlsConfig(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_INITIAL_RETRANSMIT);
    }

    public DtlsConfig withHandshakeTimeout(Duration timeout) {
        return new DtlsConfig(timeout, initialRetransmit.compareTo(timeout) > 0 ? timeout : initialRetransmit,
                srtpProfiles);
    }

    public DtlsConfig withInitialRetransmit(Duration retransmit) {
        return new DtlsConfig(handshakeTimeout, retransmit, srtpProfiles);
    }

    public DtlsConfig withSrtpProfiles(List<DtlsSrtpProfile> profiles) {
        return new DtlsConfig(handshakeTimeout, initialRetransmit, profiles);
    }

    int handshakeTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis());
    }

    int initialRetransmitMillis() {
        return (int) Math.min(Integer.MAX_VALUE, initialRetransmit.toMillis());
    }

    private static void requirePositiveMillis(Duration duration, String name) {
        if (duration == null || duration.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least one millisecond");
        }
    }
}

package dev.hearth.relay.transport;

import dev.hearth.relay.dtls.DtlsFailure;

import java.util.Arrays;

/**
 * What the relay's ports have carried since start, read at one moment for metrics: datagrams accepted, sent and
 * dropped (by {@link DropReason}) over every transport, closed ones included, and the packets no transport owned;
 * DTLS handshake outcomes; what is open now. Every count only grows while the relay runs.
 */
public final class RelayStatistics {

    private final long received;
    private final long sent;
    private final long[] dropped;
    private final long dtlsCompleted;
    private final long[] dtlsFailed;
    private final int transports;
    private final int tcpConnections;

    RelayStatistics(PacketCounters totals, long dtlsCompleted, long[] dtlsFailed, int transports,
            int tcpConnections) {
        this.received = totals.receivedCount();
        this.sent = totals.sentCount();
        this.dropped = new long[DropReason.values().length];
        for (DropReason reason : DropReason.values()) {
            dropped[reason.ordinal()] = totals.droppedCount(reason);
        }
        this.dtlsCompleted = dtlsCompleted;
        this.dtlsFailed = dtlsFailed.clone();
        this.transports = transports;
        this.tcpConnections = tcpConnections;
    }

    /** Datagrams accepted for processing (STUN checks, DTLS records, SRTP/SRTCP delivered). */
    public long received() {
        return received;
    }

    /** SRTP/SRTCP datagrams sent (DTLS flights are not counted). */
    public long sent() {
        return sent;
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    public long dtlsHandshakesCompleted() {
        return dtlsCompleted;
    }

    public long dtlsHandshakesFailed(DtlsFailure failure) {
        return dtlsFailed[failure.ordinal()];
    }

    /** Live transports. */
    public int transports() {
        return transports;
    }

    /** Open ICE-TCP connections. */
    public int tcpConnections() {
        return tcpConnections;
    }

    @Override
    public String toString() {
        return "RelayStatistics[received=" + received + ", sent=" + sent + ", dropped=" + Arrays.toString(dropped)
                + ", dtlsCompleted=" + dtlsCompleted + ", dtlsFailed=" + Arrays.toString(dtlsFailed)
                + ", transports=" + transports + ", tcpConnections=" + tcpConnections + "]";
    }
}

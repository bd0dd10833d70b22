package dev.hearth.relay.transport;

/**
 * What one packet loop carried, for metrics and for checking that the loops share the work.
 *
 * @param loop      the loop's index
 * @param routed    packets this loop delivered to the transports it owns (STUN, DTLS, SRTP and SRTCP)
 * @param handedIn  of those, packets another loop's socket read and handed over
 * @param handedOut packets this loop read for a transport of another loop and handed over
 * @param sent      packets the transports of this loop sent (SRTP, SRTCP)
 */
public record LoopCounters(int loop, long routed, long handedIn, long handedOut, long sent) {
}

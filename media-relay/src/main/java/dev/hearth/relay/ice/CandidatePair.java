package dev.hearth.relay.ice;

import java.net.InetSocketAddress;

/**
 * One pair as the relay's lite agent sees it: the relay's candidate (one per transport port) and a client
 * address that passed a check. Mutable, owned by the {@link IceLiteAgent} and so by the packet event loop.
 */
final class CandidatePair {

    final InetSocketAddress remote;
    /** RFC 8445 section 6.1.2.3 pair priority, from the PRIORITY of the latest check; see IceLiteAgent. */
    long priority;
    boolean nominated;
    /** Orders nominations of equal priority: the latest wins. */
    long nominationOrder;
    /** The ICE generation (count of local restarts) of the latest check with that generation's credentials. */
    int generation;
    /** RFC 7675: when the client last showed it still wants this pair's traffic. */
    long lastConsentNanos;

    CandidatePair(InetSocketAddress remote) {
        this.remote = remote;
    }

    boolean outranks(CandidatePair other) {
        return other == null || priority > other.priority
                || (priority == other.priority && nominationOrder > other.nominationOrder);
    }
}

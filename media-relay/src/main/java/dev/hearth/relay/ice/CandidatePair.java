package dev.hearth.relay.ice;

import java.net.InetSocketAddress;

/**
 * One pair as the relay's lite agent sees it: the relay's socket a check arrived on and the client address it
 * came from. Mutable, owned by the {@link IceLiteAgent} and so by the packet event loop; {@link #local()} and
 * {@link #remote()} never change, so other threads (DTLS) may read them.
 */
public final class CandidatePair {

    final LocalCandidate local;
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

    CandidatePair(LocalCandidate local, InetSocketAddress remote) {
        this.local = local;
        this.remote = remote;
    }

    public LocalCandidate local() {
        return local;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    boolean is(LocalCandidate otherLocal, InetSocketAddress otherRemote) {
        return local == otherLocal && remote.equals(otherRemote);
    }

    boolean outranks(CandidatePair other) {
        return other == null || priority > other.priority
                || (priority == other.priority && nominationOrder > other.nominationOrder);
    }

    @Override
    public String toString() {
        return "CandidatePair[" + remote + "]";
    }
}

package dev.hearth.relay.ice;

import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.transport.IceParameters;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE-lite side (RFC 8445 section 2.5) of one relay transport: it never sends checks, it answers the
 * client's and learns from them which client addresses are reachable (validated pairs) and which ones the
 * client nominated. Media goes to the selected pair: the nominated pair with the highest priority (RFC 8445
 * section 8.1.1), the latest nomination among equals; before any nomination, the first validated pair.
 *
 * <p>Consent freshness (RFC 7675) is kept per pair: a pair whose client sent no authenticated Binding request
 * (with or without USE-CANDIDATE) for the consent timeout is forgotten, and the next-best pair takes over.
 * A Binding indication on a validated pair counts too: libnice without its consent-freshness option (GStreamer
 * webrtcbin on libnice 0.1.21) keeps a pair alive with indications only. The transport loses consent when no
 * pair has it. Time is whatever the caller passes in nanoseconds (the packet loop's {@code System.nanoTime()}).
 *
 * <p>ICE restart: {@link #restart} installs new local credentials while the old ones keep working, so media
 * does not stop while the new offer/answer is in flight. The first valid check that uses both the new local
 * and the newest client ufrag retires the old generation. The order of {@link #restart} and
 * {@link #setRemoteUfrag} during a restart does not matter.
 *
 * <p>Not thread-safe: owned by the relay's packet event loop.
 */
public final class IceLiteAgent {

    /** Client addresses remembered per transport; a client has a few interfaces, not dozens. */
    public static final int MAX_VALIDATED_ADDRESSES = 8;

    /**
     * The priority of the relay's host candidate as the SDP writer advertises it (type preference 126, local
     * preference 65535, component 1): the controlled side's D in the pair priority formula.
     */
    public static final long LOCAL_CANDIDATE_PRIORITY = 2130706431L;

    private static final long PRIORITY_CEILING = 0xFFFF_FFFFL;

    /** The local candidate of an agent that has only one (unit tests, a single-socket relay). */
    public static final LocalCandidate SOLE_LOCAL = () -> LOCAL_CANDIDATE_PRIORITY;

    private IceParameters local;
    private byte[] localKey;
    private IceParameters previousLocal;
    private byte[] previousKey;
    private String remoteUfrag;
    private String previousRemoteUfrag;
    // Least recently checked first; at most MAX_VALIDATED_ADDRESSES, so linear scans stay short.
    private final ArrayList<CandidatePair> pairs = new ArrayList<>(MAX_VALIDATED_ADDRESSES + 1);
    private CandidatePair selected;
    private int generation;
    private long nominations;
    private final long createdNanos;
    // True until the first check or, without one, until the consent clock started at creation runs out.
    private boolean neverChecked = true;

    /** @param nowNanos start of the consent clock: a client that never checks loses consent like a silent one */
    public IceLiteAgent(IceParameters local, long nowNanos) {
        if (local == null) {
            throw new IllegalArgumentException("local ICE credentials are required");
        }
        this.local = local;
        this.localKey = key(local);
        this.createdNanos = nowNanos;
    }

    public IceParameters local() {
        return local;
    }

    /** The local credentials of the generation before the last restart, while they are still accepted. */
    public IceParameters previousLocal() {
        return previousLocal;
    }

    /** The client's current ufrag, or null before it is known. */
    public String remoteUfrag() {
        return remoteUfrag;
    }

    /** The client's ufrag; checks are dropped until it is known. */
    public void setRemoteUfrag(String ufrag) {
        if (ufrag == null || ufrag.isEmpty()) {
            throw new IllegalArgumentException("remote ufrag is required");
        }
        if (remoteUfrag != null && !remoteUfrag.equals(ufrag)) {
            previousRemoteUfrag = remoteUfrag;
        }
        remoteUfrag = ufrag;
    }

    /**
     * Installs new local credentials. Returns the ufrag that stops working now (the generation before the
     * previous one, when two restarts happen without a check in between), or null.
     */
    public String restart(IceParameters fresh) {
        if (fresh == null || fresh.ufrag().equals(local.ufrag())) {
            throw new IllegalArgumentException("an ICE restart needs new credentials");
        }
        String retired = previousLocal == null ? null : previousLocal.ufrag();
        previousLocal = local;
        previousKey = localKey;
        local = fresh;
        localKey = key(fresh);
        generation++;
        return retired;
    }

    /**
     * Judges one Binding request that was routed here by its USERNAME. The caller has parsed {@code request}
     * and answers according to the verdict.
     */
    public IceCheckResult check(StunMessage request, InetSocketAddress source, long nowNanos) {
        return check(request, SOLE_LOCAL, source, nowNanos);
    }

    /** As {@link #check(StunMessage, InetSocketAddress, long)} for a check that arrived on {@code socket}. */
    public IceCheckResult check(StunMessage request, LocalCandidate socket, InetSocketAddress source, long nowNanos) {
        // RFC 8445 section 7.3: ICE requires FINGERPRINT; without a valid one this is not an ICE check at all.
        if (!request.hasFingerprint() || !request.verifyFingerprint()) {
            return IceCheckResult.dropped("stun-fingerprint");
        }
        if (remoteUfrag == null) {
            return IceCheckResult.dropped("ice-remote-unknown");
        }
        if (!request.hasUsername() || !request.hasMessageIntegrity()) {
            return IceCheckResult.error(IceCheckVerdict.BAD_REQUEST, null);
        }
        String localPart = IceUsername.localUfrag(request);
        String remotePart = IceUsername.remoteUfrag(request);
        if (localPart == null) {
            return IceCheckResult.error(IceCheckVerdict.UNAUTHENTICATED, null);
        }
        boolean currentLocal = localPart.equals(local.ufrag());
        byte[] key;
        if (currentLocal) {
            key = localKey;
        } else if (previousLocal != null && localPart.equals(previousLocal.ufrag())) {
            key = previousKey;
        } else {
            return IceCheckResult.dropped("ice-ufrag-unknown");
        }
        boolean currentRemote = remotePart.equals(remoteUfrag);
        if (!currentRemote && !remotePart.equals(previousRemoteUfrag)) {
            return IceCheckResult.dropped("ice-remote-ufrag");
        }
        if (!request.verifyMessageIntegrity(key)) {
            return IceCheckResult.error(IceCheckVerdict.UNAUTHENTICATED, null);
        }
        // RFC 8489 section 6.3.1: unknown comprehension-required attributes are judged after authentication.
        if (request.hasUnknownComprehensionRequired()) {
            return IceCheckResult.error(IceCheckVerdict.UNKNOWN_ATTRIBUTE, key);
        }
        if (request.priority() < 0) {
            return IceCheckResult.error(IceCheckVerdict.BAD_REQUEST, null);
        }
        if (request.hasIceControlled() && !request.hasIceControlling()) {
            // Both sides claim controlled; a lite agent cannot switch (RFC 8445 section 7.3.1.1), the client must.
            return IceCheckResult.error(IceCheckVerdict.ROLE_CONFLICT, key);
        }
        CandidatePair pair = remember(socket, source);
        CandidatePair evicted = pairs.size() > MAX_VALIDATED_ADDRESSES ? evictOne() : null;
        pair.lastConsentNanos = nowNanos;
        // The PRIORITY the client would give a peer-reflexive candidate of this base (RFC 8445 section 7.1.1):
        // what a lite agent, which learns the client's candidates only from checks, ranks the pair by.
        pair.priority = pairPriority(request.priority(), socket.priority());
        if (currentLocal) {
            pair.generation = generation;
        }
        boolean nominated = request.hasUseCandidate();
        if (nominated) {
            pair.nominated = true;
            pair.nominationOrder = ++nominations;
        }
        String retired = null;
        if (previousLocal != null && currentLocal && currentRemote) {
            retired = previousLocal.ufrag();
            previousLocal = null;
            previousKey = null;
            previousRemoteUfrag = null;
            endOldNominations();
        } else if (previousLocal == null && currentRemote) {
            previousRemoteUfrag = null;
        }
        reselect();
        return new IceCheckResult(IceCheckVerdict.ACCEPTED, key, nominated, retired, evicted, null);
    }

    /**
     * RFC 8445 section 6.1.2.3 with the client as controlling agent (G) and the relay controlled (D):
     * 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0). D is below 2^31, so the result fits a signed long.
     */
    static long pairPriority(long clientPriority) {
        return pairPriority(clientPriority, LOCAL_CANDIDATE_PRIORITY);
    }

    static long pairPriority(long clientPriority, long localPriority) {
        long g = Math.min(Math.max(clientPriority, 0), PRIORITY_CEILING);
        long d = Math.min(Math.max(localPriority, 0), Integer.MAX_VALUE);
        return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }

    /**
     * A Binding indication from {@code source}: refreshes that pair's consent if it passed a check before
     * (the address is all an indication proves, so it never validates one). Returns whether it counted.
     */
    public boolean keepalive(InetSocketAddress source, long nowNanos) {
        return keepalive(SOLE_LOCAL, source, nowNanos);
    }

    public boolean keepalive(LocalCandidate local, InetSocketAddress source, long nowNanos) {
        CandidatePair pair = pair(local, source);
        if (pair == null) {
            return false;
        }
        pair.lastConsentNanos = nowNanos;
        return true;
    }

    /**
     * Forgets the pairs whose consent is older than {@code timeoutNanos} and moves the selection to the best
     * pair left. Returns the forgotten addresses (to unroute), an empty list when none; see {@link #hasConsent}.
     */
    public List<CandidatePair> expireConsent(long nowNanos, long timeoutNanos) {
        List<CandidatePair> expired = List.of();
        for (int i = pairs.size() - 1; i >= 0; i--) {
            CandidatePair pair = pairs.get(i);
            if (nowNanos - pair.lastConsentNanos > timeoutNanos) {
                pairs.remove(i);
                if (expired.isEmpty()) {
                    expired = new ArrayList<>(2);
                }
                expired.add(0, pair);
                if (pair == selected) {
                    selected = null;
                }
            }
        }
        if (pairs.isEmpty() && nowNanos - createdNanos > timeoutNanos) {
            neverChecked = false;
        }
        if (!expired.isEmpty()) {
            reselect();
        }
        return expired;
    }

    /**
     * False once no pair has consent any more: every pair expired, or none ever passed a check within the
     * timeout of the agent's creation. The transport then closes.
     */
    public boolean hasConsent() {
        return !pairs.isEmpty() || neverChecked;
    }

    public boolean isValidated(InetSocketAddress address) {
        return isValidated(SOLE_LOCAL, address);
    }

    public boolean isValidated(LocalCandidate local, InetSocketAddress address) {
        return pair(local, address) != null;
    }

    /**
     * Forgets every pair on {@code local} at once (a closed ICE-TCP connection carries nothing any more) and
     * moves the selection; returns the forgotten pairs.
     */
    public List<CandidatePair> forget(LocalCandidate local) {
        List<CandidatePair> gone = new ArrayList<>(1);
        for (int i = pairs.size() - 1; i >= 0; i--) {
            CandidatePair pair = pairs.get(i);
            if (pair.local == local) {
                pairs.remove(i);
                gone.add(pair);
                if (pair == selected) {
                    selected = null;
                }
            }
        }
        if (!gone.isEmpty()) {
            reselect();
        }
        return gone;
    }

    /** Every pair that passed a check and still has consent, least recently checked first. */
    public List<CandidatePair> pairs() {
        return new ArrayList<>(pairs);
    }

    /** Whether {@code address} passed a check on {@code local} with the current local credentials. */
    public boolean validatedSinceRestart(LocalCandidate local, InetSocketAddress address) {
        CandidatePair pair = pair(local, address);
        return pair != null && pair.generation == generation;
    }

    public List<InetSocketAddress> validatedAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>(pairs.size());
        for (CandidatePair pair : pairs) {
            addresses.add(pair.remote);
        }
        return addresses;
    }

    /**
     * The client address media goes to: the selected pair's, or null before any check. A field read, so the
     * per-packet send path costs nothing; the choice is remade only when checks or consent change it.
     */
    public InetSocketAddress selected() {
        return selected == null ? null : selected.remote;
    }

    /** The selected pair, with the relay socket media leaves through; null before any check. */
    public CandidatePair selectedPair() {
        return selected;
    }

    private CandidatePair pair(LocalCandidate local, InetSocketAddress address) {
        for (int i = 0; i < pairs.size(); i++) {
            CandidatePair pair = pairs.get(i);
            if (pair.is(local, address)) {
                return pair;
            }
        }
        return null;
    }

    private CandidatePair remember(LocalCandidate local, InetSocketAddress source) {
        CandidatePair pair = pair(local, source);
        if (pair == null) {
            pair = new CandidatePair(local, source);
            pair.generation = -1;
        } else {
            pairs.remove(pair);
        }
        pairs.add(pair); // most recently checked last
        neverChecked = false;
        return pair;
    }

    /** Drops the least recently checked pair that is not selected; returns it. */
    private CandidatePair evictOne() {
        for (int i = 0; i < pairs.size(); i++) {
            CandidatePair oldest = pairs.get(i);
            if (oldest != selected) {
                pairs.remove(i);
                return oldest;
            }
        }
        return null;
    }

    /**
     * An ICE restart starts a new check list (RFC 8445 section 9), so nominations made with the old credentials
     * end once the new ones are in use; those pairs stay validated until their consent runs out.
     */
    private void endOldNominations() {
        for (CandidatePair pair : pairs) {
            if (pair.generation != generation) {
                pair.nominated = false;
            }
        }
    }

    private void reselect() {
        CandidatePair best = null;
        for (CandidatePair pair : pairs) {
            if (pair.nominated && pair.outranks(best)) {
                best = pair;
            }
        }
        if (best == null && selected != null && pairs.contains(selected)) {
            // Before any nomination the first validated pair serves and stays (as mediasoup does): libwebrtc
            // sends media as soon as a pair is writable and DTLS is done, which can precede its USE-CANDIDATE.
            best = selected;
        }
        if (best == null) {
            for (CandidatePair pair : pairs) {
                if (best == null || pair.priority > best.priority) {
                    best = pair;
                }
            }
        }
        selected = best;
    }

    private static byte[] key(IceParameters parameters) {
        // Short-term credential (RFC 8489 section 9.1.1): the password's bytes, no SASLprep for ICE's ASCII.
        return parameters.password().getBytes(StandardCharsets.UTF_8);
    }
}

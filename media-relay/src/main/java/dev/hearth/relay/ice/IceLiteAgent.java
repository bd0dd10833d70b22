package dev.hearth.relay.ice;

import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.transport.IceParameters;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ICE-lite side (RFC 8445 section 2.5) of one relay transport: it never sends checks, it answers the
 * client's and learns from them which client addresses are reachable (validated) and which one the client
 * nominated (selected). Consent freshness (RFC 7675) is the time of the last valid check.
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

    private IceParameters local;
    private byte[] localKey;
    private IceParameters previousLocal;
    private byte[] previousKey;
    private String remoteUfrag;
    private String previousRemoteUfrag;
    private final LinkedHashSet<InetSocketAddress> validated = new LinkedHashSet<>();
    private InetSocketAddress selected;
    private long lastValidCheckNanos;

    /** @param nowNanos start of the consent clock: a client that never checks loses consent like a silent one */
    public IceLiteAgent(IceParameters local, long nowNanos) {
        if (local == null) {
            throw new IllegalArgumentException("local ICE credentials are required");
        }
        this.local = local;
        this.localKey = key(local);
        this.lastValidCheckNanos = nowNanos;
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
        return retired;
    }

    /**
     * Judges one Binding request that was routed here by its USERNAME. The caller has parsed {@code request}
     * and answers according to the verdict.
     */
    public IceCheckResult check(StunMessage request, InetSocketAddress source, long nowNanos) {
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
        lastValidCheckNanos = nowNanos;
        InetSocketAddress evicted = remember(source);
        boolean nominated = request.hasUseCandidate();
        if (nominated || selected == null) {
            // Latest nomination wins: a client that changed network or restarted ICE moves the media with it.
            // Before any nomination the first validated address serves (as mediasoup does): libwebrtc sends
            // media as soon as a pair is writable and DTLS is done, which can precede its USE-CANDIDATE.
            selected = source;
        }
        String retired = null;
        if (previousLocal != null && currentLocal && currentRemote) {
            retired = previousLocal.ufrag();
            previousLocal = null;
            previousKey = null;
            previousRemoteUfrag = null;
        } else if (previousLocal == null && currentRemote) {
            previousRemoteUfrag = null;
        }
        return new IceCheckResult(IceCheckVerdict.ACCEPTED, key, nominated, retired, evicted, null);
    }

    private InetSocketAddress remember(InetSocketAddress source) {
        // Re-inserted so iteration order is least recently checked first.
        validated.remove(source);
        validated.add(source);
        if (validated.size() <= MAX_VALIDATED_ADDRESSES) {
            return null;
        }
        for (Iterator<InetSocketAddress> it = validated.iterator(); it.hasNext(); ) {
            InetSocketAddress oldest = it.next();
            if (!oldest.equals(selected)) {
                it.remove();
                return oldest;
            }
        }
        return null;
    }

    public boolean isValidated(InetSocketAddress address) {
        return validated.contains(address);
    }

    public List<InetSocketAddress> validatedAddresses() {
        return new ArrayList<>(validated);
    }

    /**
     * The client address media goes to: the latest nominated one, or before any nomination the first address
     * that passed a check; null before that.
     */
    public InetSocketAddress selected() {
        return selected;
    }

    public boolean consentExpired(long nowNanos, long timeoutNanos) {
        return nowNanos - lastValidCheckNanos > timeoutNanos;
    }

    private static byte[] key(IceParameters parameters) {
        // Short-term credential (RFC 8489 section 9.1.1): the password's bytes, no SASLprep for ICE's ASCII.
        return parameters.password().getBytes(StandardCharsets.UTF_8);
    }
}

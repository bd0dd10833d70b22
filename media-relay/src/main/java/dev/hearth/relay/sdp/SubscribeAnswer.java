package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's answer on its subscribe transport: its ICE and DTLS identity and which consumers it took.
 *
 * @param clientIce         empty only when the client rejected every section
 * @param clientFingerprint empty only when the client rejected every section
 * @param clientSetup       always active: the relay offered actpass and is the DTLS server
 */
public record SubscribeAnswer(Optional<IceCredentials> clientIce, Optional<Fingerprint> clientFingerprint,
                              Setup clientSetup, List<MidAnswer> media) {

    public SubscribeAnswer {
        Objects.requireNonNull(clientIce, "clientIce");
        Objects.requireNonNull(clientFingerprint, "clientFingerprint");
        Objects.requireNonNull(clientSetup, "clientSetup");
        media = List.copyOf(media);
    }

    /**
     * Checks the answer against the offer it answers: same number of m-sections, same mids in the same
     * order (RFC 3264 §6), and a DTLS role the relay can play.
     */
    public static SubscribeAnswer parse(String sdp, SubscribeOffer offer) {
        return of(SdpParser.parse(sdp), offer);
    }

    /** {@link #parse} of an answer already parsed (the relay parses off its packet loop, then checks on it). */
    public static SubscribeAnswer of(SessionDescription answer, SubscribeOffer offer) {
        if (answer.media().size() != offer.mids().size()) {
            throw new SdpException("answer has " + answer.media().size() + " m= sections, the offer had "
                    + offer.mids().size());
        }
        List<MidAnswer> media = new ArrayList<>();
        MediaDescription transportSection = null;
        for (int i = 0; i < answer.media().size(); i++) {
            MediaDescription m = answer.media().get(i);
            String offeredMid = offer.mids().get(i);
            // A rejected section may drop its mid (RFC 8843 §7.3.3); an accepted one must keep it.
            if (m.mid().isPresent() ? !m.mid().get().equals(offeredMid) : !m.isRejected()) {
                throw new SdpException("answer m= section " + (i + 1) + " does not carry the offered mid");
            }
            boolean accepted = offer.activeMids().contains(offeredMid) && !m.isRejected()
                    && m.effectiveDirection().receives();
            if (accepted && transportSection == null) {
                transportSection = m;
            }
            media.add(new MidAnswer(offeredMid, accepted));
        }
        if (transportSection == null) {
            return new SubscribeAnswer(Optional.empty(), Optional.empty(), Setup.ACTIVE, media);
        }
        IceCredentials ice = answer.iceCredentials(transportSection)
                .orElseThrow(() -> new SdpException("answer has no ICE credentials"));
        List<Fingerprint> fingerprints = answer.effectiveFingerprints(transportSection);
        if (fingerprints.isEmpty()) {
            throw new SdpException("answer has no DTLS fingerprint");
        }
        Fingerprint fingerprint = fingerprints.stream().filter(f -> f.algorithm().equals("sha-256")).findFirst()
                .orElse(fingerprints.get(0));
        // RFC 4145 §4.1: an absent setup attribute means active.
        Setup setup = answer.effectiveSetup(transportSection).orElse(Setup.ACTIVE);
        if (setup != Setup.ACTIVE) {
            throw new SdpException("answer must take the DTLS client role (setup active)");
        }
        return new SubscribeAnswer(Optional.of(ice), Optional.of(fingerprint), setup, media);
    }

    public boolean isAccepted(String mid) {
        return media.stream().anyMatch(m -> m.mid().equals(mid) && m.accepted());
    }

    public List<String> acceptedMids() {
        return media.stream().filter(MidAnswer::accepted).map(MidAnswer::mid).toList();
    }
}

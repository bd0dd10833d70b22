package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed session description. Immutable; produced by {@link SdpParser#parse(String)}.
 * Session-level ICE credentials, fingerprints and setup are defaults for every m-section (RFC 8839,
 * RFC 8122); the {@code effective} accessors apply them.
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        List<Group> groups,
        boolean iceLite,
        List<String> iceOptions,
        Optional<MsidSemantic> msidSemantic,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<Fingerprint> fingerprints,
        Optional<Setup> setup,
        List<MediaDescription> media,
        List<Attribute> otherAttributes) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        groups = List.copyOf(groups);
        iceOptions = List.copyOf(iceOptions);
        Objects.requireNonNull(msidSemantic, "msidSemantic");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        media = List.copyOf(media);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** A summary without credentials, safe for logs. */
    @Override
    public String toString() {
        return "SessionDescription[version=" + origin.sessionVersion() + ", iceLite=" + iceLite + ", media="
                + media + "]";
    }

    /** The first BUNDLE group, if any. WebRTC peers with max-bundle write exactly one. */
    public Optional<Group> bundleGroup() {
        return groups.stream().filter(Group::isBundle).findFirst();
    }

    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /** The ICE credentials that apply to an m-section, or empty if either half is missing. */
    public Optional<IceCredentials> iceCredentials(MediaDescription m) {
        Optional<String> ufrag = m.iceUfrag().or(this::iceUfrag);
        Optional<String> pwd = m.icePwd().or(this::icePwd);
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IceCredentials(ufrag.get(), pwd.get()));
    }

    public List<Fingerprint> effectiveFingerprints(MediaDescription m) {
        return m.fingerprints().isEmpty() ? fingerprints : m.fingerprints();
    }

    public Optional<Setup> effectiveSetup(MediaDescription m) {
        return m.setup().or(this::setup);
    }
}

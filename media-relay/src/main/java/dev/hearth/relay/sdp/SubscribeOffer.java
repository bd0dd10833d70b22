package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One offer the relay made on a subscribe transport.
 *
 * @param sdp        the text to send to the client
 * @param origin     its o= identity; the version grows with every offer
 * @param relayIce   the relay's ICE credentials in this offer (new ones after an ICE restart)
 * @param mids       every m-section in order, closed ones included
 * @param activeMids the mids that carry a consumer, in order; these form the BUNDLE group
 */
public record SubscribeOffer(String sdp, SdpOrigin origin, IceCredentials relayIce, List<String> mids,
                             List<String> activeMids) {
    public SubscribeOffer {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(relayIce, "relayIce");
        mids = List.copyOf(mids);
        activeMids = List.copyOf(activeMids);
    }

    @Override
    public String toString() {
        // The text holds the relay's ICE password; keep it out of any log that prints this record.
        return "SubscribeOffer[origin=" + origin + ", mids=" + mids + ", activeMids=" + activeMids + "]";
    }
}

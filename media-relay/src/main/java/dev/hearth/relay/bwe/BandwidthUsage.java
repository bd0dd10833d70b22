package dev.hearth.relay.bwe;

/** The over-use detector's hypothesis about the bottleneck queue (draft-ietf-rmcat-gcc-02 section 5.4). */
public enum BandwidthUsage {
    /** The queue is stable. */
    NORMAL,
    /** The queue is growing: we send more than the path delivers. */
    OVERUSING,
    /** The queue is draining. */
    UNDERUSING
}

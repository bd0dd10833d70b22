package dev.hearth.relay.sfu;

/**
 * What happened to packets on the relay's forwarding path, one counter per outcome of each step (Jitsi style), so an
 * operator can see where packets go. Read them with {@link InProcessRelayControl#counter}.
 */
public enum ForwardingCounter {
    /** RTP from a publisher, before any check. */
    RTP_RECEIVED,
    /** Not parseable as RTP (truncated, bad version, lengths past the end). */
    RTP_MALFORMED,
    /** An SSRC the publisher did not announce (or a simulcast layer the relay does not forward). */
    RTP_UNKNOWN_SSRC,
    /**
     * RTX from a publisher that is a bandwidth probe: padding only, or a copy of a packet the relay already holds
     * (Chrome's "payload padding").
     */
    RTP_PROBE,
    /** Retransmissions from a publisher restored to their original form. */
    RTP_RETRANSMISSION_RESTORED,
    /** Dropped because the producer is muted by the relay. */
    RTP_MUTED,
    /** A payload type the producer did not negotiate as its primary codec. */
    RTP_UNEXPECTED_PAYLOAD_TYPE,
    /** Transport-wide sequence numbers recorded for congestion feedback. */
    TRANSPORT_CC_RECORDED,
    /** Video packets kept in the producer's cache for NACKs. */
    PACKET_CACHED,
    /** Packets too large for the cache. */
    PACKET_NOT_CACHED,
    /** Skipped for a consumer that is not started (answer pending, rejected) or whose transport is not connected. */
    CONSUMER_NOT_ACTIVE,
    /** Skipped for a subscriber whose media is held by signaling (e.g. until they accept a new agreement). */
    CONSUMER_HELD,
    /** Too large to rewrite into the forwarding buffer. */
    RTP_TOO_LARGE,
    /** Rewritten packets handed to a subscribe transport. */
    RTP_FORWARDED,
    /** Handed to a subscribe transport that refused them (not connected). */
    RTP_SEND_FAILED,

    /** RTCP datagrams from publishers or subscribers. */
    RTCP_RECEIVED,
    /** RTCP that stopped parsing part way (truncated, bad lengths): the rest of the datagram is ignored. */
    RTCP_MALFORMED,
    /** Feedback or reports naming an SSRC the relay does not know on that transport. */
    RTCP_UNKNOWN_SSRC,
    /** Sender reports from publishers rewritten and sent to consumers. */
    SENDER_REPORT_FORWARDED,
    /** Receiver reports, SDES, BYE and transport-cc from subscribers, consumed by the relay. */
    RTCP_CONSUMED,
    /** PLI or FIR from subscribers. */
    KEYFRAME_REQUEST_RECEIVED,
    /** PLI the relay sent to publishers (after rate limiting). */
    KEYFRAME_REQUEST_SENT,
    /** Sequence numbers subscribers reported lost. */
    NACK_RECEIVED,
    /** Of those, answered from the cache. */
    NACK_RETRANSMITTED,
    /** Of those, no longer (or never) in the cache. */
    NACK_MISSED,
    /** NACK packets the relay sent to publishers for gaps in their streams. */
    NACK_SENT,
    /** Transport-wide CC feedback packets sent to publishers. */
    TRANSPORT_CC_FEEDBACK_SENT,
    /** Receiver reports sent to publishers. */
    RECEIVER_REPORT_SENT;

    static final ForwardingCounter[] ALL = values();
}

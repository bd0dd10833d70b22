package dev.hearth.relay.rtcp;

/** Wire constants of transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1). */
final class TransportCc {
    static final int FCI_FIXED_LENGTH = 8;
    static final int FIXED_LENGTH = RtcpFeedback.HEADER_LENGTH + FCI_FIXED_LENGTH;

    /** Packet status symbols. */
    static final int NOT_RECEIVED = 0;
    static final int SMALL_DELTA = 1;
    static final int LARGE_DELTA = 2;

    static final long DELTA_MICROS = 250;
    static final long REFERENCE_MICROS = 64_000;

    static final int MAX_RUN_LENGTH = 0x1FFF;
    static final int ONE_BIT_CAPACITY = 14;
    static final int TWO_BIT_CAPACITY = 7;

    private TransportCc() {
    }
}

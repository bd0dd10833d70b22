package dev.hearth.relay.rtcp;

/** PLI (RFC 4585 section 6.3.1): a decoder lost its reference and needs a key frame. No FCI. */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) {
    public static final int LENGTH = RtcpFeedback.HEADER_LENGTH;

    public static PictureLossIndication parse(byte[] a, int off, int len) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_PICTURE_LOSS)) {
            return null;
        }
        return new PictureLossIndication(RtcpFeedback.senderSsrc(a, off), RtcpFeedback.mediaSsrc(a, off));
    }

    public int writeTo(byte[] dst, int off) {
        RtcpHeader.ensureFits(dst, off, LENGTH);
        RtcpFeedback.writeHeader(dst, off, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_PICTURE_LOSS, LENGTH,
                senderSsrc, mediaSsrc);
        return LENGTH;
    }
}

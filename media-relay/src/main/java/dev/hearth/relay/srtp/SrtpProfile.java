package dev.hearth.relay.srtp;

/**
 * The SRTP protection profiles the relay negotiates in DTLS {@code use_srtp} (RFC 5764 §4.1.2, RFC 7714 §14.2).
 * AEAD_AES_128_GCM is preferred: one pass over the payload instead of two, and a 16-byte tag.
 */
public enum SrtpProfile {
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10);

    private final int id;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int id, int masterKeyLength, int masterSaltLength, int rtpTagLength, int rtcpTagLength) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /**
     * @throws IllegalArgumentException if the id is not one of the profiles above; the DTLS layer offers only
     *         these, so an unknown id means the handshake negotiated something it should not have
     */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP protection profile 0x" + Integer.toHexString(id));
    }

    /** The two-byte DTLS-SRTP protection profile identifier. */
    public int id() {
        return id;
    }

    public int masterKeyLength() {
        return masterKeyLength;
    }

    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Bytes appended to an RTP packet by protection (the authentication tag). */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Tag bytes appended to an RTCP packet; the 4-byte E-flag/index word comes on top of these. */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** Whether the profile is an AEAD (GCM) profile rather than AES counter mode with HMAC-SHA1. */
    public boolean isAead() {
        return this == AEAD_AES_128_GCM;
    }

    /** Length to request from the DTLS exporter: client key, server key, client salt, server salt. */
    public int exporterLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }
}

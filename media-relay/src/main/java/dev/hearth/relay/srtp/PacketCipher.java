package dev.hearth.relay.srtp;

/**
 * The cryptographic transform of one profile for one direction: it encrypts and authenticates (or verifies and
 * decrypts) a packet whose index is already known. Index estimation, replay checks and per-SSRC state live in
 * the contexts, so each transform is only about bytes.
 *
 * <p>Every method works in place on {@code a[offset, offset + length)}. Open methods leave the buffer as it was
 * when authentication fails. Instances are not thread-safe.
 */
interface PacketCipher {

    /** Encrypts the payload after {@code headerLength} and appends the tag; returns the new length. */
    int sealRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index);

    /**
     * Verifies and decrypts a packet of {@code length} bytes including its tag; returns the length without the
     * tag, or {@link SrtpResult#AUTHENTICATION_FAILED}.
     */
    int openRtp(byte[] a, int offset, int length, int headerLength, int ssrc, long index);

    /** Encrypts an RTCP compound packet and appends the E-flag/index word and the tag; returns the new length. */
    int sealRtcp(byte[] a, int offset, int length, int ssrc, int index);

    /**
     * Verifies (and, when the E flag in {@code indexWord} is set, decrypts) an SRTCP packet of {@code length}
     * bytes including index word and tag; returns the RTCP length, or {@link SrtpResult#AUTHENTICATION_FAILED}.
     */
    int openRtcp(byte[] a, int offset, int length, int ssrc, int indexWord);
}

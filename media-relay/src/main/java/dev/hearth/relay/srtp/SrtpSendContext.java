package dev.hearth.relay.srtp;

/**
 * Protects outgoing RTP and RTCP of one DTLS session with the local master key (RFC 3711, RFC 7714).
 *
 * <p>Packets are changed in place in {@code a[offset, offset + length)}; the tag (and for RTCP the E-flag/index
 * word) is written right after the packet, so callers guarantee {@code a.length >= offset + length + 20}. Each
 * method returns the protected length, or a negative {@link SrtpResult} code for a packet that must be dropped;
 * bad packets never throw and are counted instead.
 *
 * <p>Per SSRC the context remembers the highest RTP index sent (to carry the rollover counter across sequence
 * number wraps) and the next SRTCP index. At most {@code maxSsrcs} SSRCs are tracked; packets of further SSRCs
 * are dropped and counted.
 *
 * <p>Thread model: not thread-safe. A context belongs to the event loop of its transport and is used by one
 * thread at a time.
 */
public final class SrtpSendContext {

    /** How many SSRCs a context tracks unless told otherwise. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private static final int MAX_SRTCP_INDEX = 0x7fff_ffff;

    private final SrtpProfile profile;
    private final PacketCipher cipher;
    private final SsrcMap<Stream> streams;

    private long malformed;
    private long ssrcLimitDrops;
    private long keyExhausted;
    private long cipherRefusals;

    public SrtpSendContext(SrtpProfile profile, SrtpMasterKey master) {
        this(profile, master, DEFAULT_MAX_SSRCS);
    }

    public SrtpSendContext(SrtpProfile profile, SrtpMasterKey master, int maxSsrcs) {
        this(profile, PacketCiphers.create(profile, master), maxSsrcs);
    }

    SrtpSendContext(SrtpProfile profile, PacketCipher cipher, int maxSsrcs) {
        this.profile = profile;
        this.cipher = cipher;
        this.streams = new SsrcMap<>(maxSsrcs);
    }

    /** Encrypts and authenticates an RTP packet; returns the SRTP length or a negative {@link SrtpResult}. */
    public int protectRtp(byte[] a, int offset, int length) {
        if (!PacketBytes.fits(a, offset, length, profile.rtpTagLength())) {
            return dropMalformed();
        }
        int headerLength = PacketBytes.rtpHeaderLength(a, offset, length);
        if (headerLength < 0) {
            return dropMalformed();
        }
        int ssrc = PacketBytes.readInt(a, offset + 8);
        Stream stream = stream(ssrc);
        if (stream == null) {
            return dropOverSsrcLimit();
        }
        long index = RolloverCounter.estimate(stream.highestIndex, PacketBytes.readUnsignedShort(a, offset + 2));
        if (index < 0) {
            // A sequence number from before the stream's first packet across a wrap: no valid ROC exists.
            return dropMalformed();
        }
        if (index > RolloverCounter.MAX_INDEX) {
            return dropKeyExhausted();
        }
        int result = cipher.sealRtp(a, offset, length, headerLength, ssrc, index);
        if (result < 0) {
            return dropCipherRefused();
        }
        if (index > stream.highestIndex) {
            stream.highestIndex = index;
        }
        return result;
    }

    /**
     * Encrypts and authenticates an RTCP compound packet under the next SRTCP index of its sender SSRC; returns
     * the SRTCP length or a negative {@link SrtpResult}.
     */
    public int protectRtcp(byte[] a, int offset, int length) {
        if (!PacketBytes.fits(a, offset, length, profile.rtcpTagLength() + 4)
                || length < PacketBytes.RTCP_HEADER || (a[offset] & 0xc0) != 0x80) {
            return dropMalformed();
        }
        int ssrc = PacketBytes.readInt(a, offset + 4);
        Stream stream = stream(ssrc);
        if (stream == null) {
            return dropOverSsrcLimit();
        }
        int index = stream.nextRtcpIndex;
        if (index < 0) {
            return dropKeyExhausted();
        }
        int result = cipher.sealRtcp(a, offset, length, ssrc, index);
        if (result < 0) {
            return dropCipherRefused();
        }
        // Past 2^31 - 1 this turns negative, which marks the SRTCP index space as used up.
        stream.nextRtcpIndex = index == MAX_SRTCP_INDEX ? -1 : index + 1;
        return result;
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Number of SSRCs this context currently tracks. */
    public int trackedSsrcs() {
        return streams.size();
    }

    /** Packets dropped for being too short, not version 2, or lying outside the array. */
    public long malformed() {
        return malformed;
    }

    /** Packets dropped because their SSRC would exceed the SSRC limit. */
    public long ssrcLimitDrops() {
        return ssrcLimitDrops;
    }

    /** Packets dropped because the index space of their stream is used up. */
    public long keyExhausted() {
        return keyExhausted;
    }

    /** Packets the JCA provider refused to encrypt. */
    public long cipherRefusals() {
        return cipherRefusals;
    }

    /** Lets tests reproduce published vectors whose SRTCP index does not start at zero. */
    void startRtcpIndexAt(int ssrc, int index) {
        Stream stream = stream(ssrc);
        if (stream == null) {
            throw new IllegalStateException("SSRC limit reached");
        }
        stream.nextRtcpIndex = index;
    }

    private Stream stream(int ssrc) {
        Stream stream = streams.get(ssrc);
        if (stream == null) {
            stream = new Stream();
            if (!streams.putNew(ssrc, stream)) {
                return null;
            }
        }
        return stream;
    }

    private int dropMalformed() {
        malformed++;
        return SrtpResult.MALFORMED;
    }

    private int dropOverSsrcLimit() {
        ssrcLimitDrops++;
        return SrtpResult.SSRC_LIMIT;
    }

    private int dropKeyExhausted() {
        keyExhausted++;
        return SrtpResult.KEY_EXHAUSTED;
    }

    private int dropCipherRefused() {
        cipherRefusals++;
        return SrtpResult.CIPHER_REFUSED;
    }

    /** Send-side state of one SSRC. */
    private static final class Stream {
        long highestIndex = -1;
        int nextRtcpIndex;
    }
}

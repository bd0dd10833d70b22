package dev.hearth.relay.srtp;

/**
 * Verifies and decrypts incoming SRTP and SRTCP of one DTLS session with the remote master key
 * (RFC 3711, RFC 7714).
 *
 * <p>Packets are changed in place in {@code a[offset, offset + length)}; each method returns the length of the
 * plain packet, or a negative {@link SrtpResult} code for a packet that must be dropped. Bad packets never throw
 * and are counted; a packet that fails authentication is left exactly as it arrived.
 *
 * <p>Per SSRC the context keeps a 64-packet replay window for RTP (whose highest index also carries the rollover
 * counter, RFC 3711 §3.3.1) and one for SRTCP indices. A new SSRC gets state only once a packet of it
 * authenticates, so forged packets cannot fill the table; at most {@code maxSsrcs} SSRCs are tracked.
 *
 * <p>Thread model: not thread-safe. A context belongs to the event loop of its transport and is used by one
 * thread at a time.
 */
public final class SrtpReceiveContext {

    private static final int E_FLAG = 0x8000_0000;

    private final SrtpProfile profile;
    private final PacketCipher cipher;
    private final SsrcMap<Stream> streams;

    private long authenticationFailures;
    private long replays;
    private long ssrcLimitDrops;
    private long malformed;
    private long keyExhausted;
    private long cipherRefusals;

    public SrtpReceiveContext(SrtpProfile profile, SrtpMasterKey master) {
        this(profile, master, SrtpSendContext.DEFAULT_MAX_SSRCS);
    }

    public SrtpReceiveContext(SrtpProfile profile, SrtpMasterKey master, int maxSsrcs) {
        this(profile, PacketCiphers.create(profile, master), maxSsrcs);
    }

    SrtpReceiveContext(SrtpProfile profile, PacketCipher cipher, int maxSsrcs) {
        this.profile = profile;
        this.cipher = cipher;
        this.streams = new SsrcMap<>(maxSsrcs);
    }

    /** Verifies and decrypts an SRTP packet; returns the RTP length or a negative {@link SrtpResult}. */
    public int unprotectRtp(byte[] a, int offset, int length) {
        int tagLength = profile.rtpTagLength();
        if (!PacketBytes.fits(a, offset, length, 0) || length < PacketBytes.RTP_FIXED_HEADER + tagLength) {
            return dropMalformed();
        }
        int headerLength = PacketBytes.rtpHeaderLength(a, offset, length - tagLength);
        if (headerLength < 0) {
            return dropMalformed();
        }
        int ssrc = PacketBytes.readInt(a, offset + 8);
        int seq = PacketBytes.readUnsignedShort(a, offset + 2);
        Stream stream = streams.get(ssrc);
        long index;
        if (stream == null) {
            if (streams.isFull()) {
                return dropOverSsrcLimit();
            }
            index = seq;
        } else {
            index = RolloverCounter.estimate(stream.rtp.highest(), seq);
            if (index < 0 || !stream.rtp.admits(index)) {
                return dropReplayed();
            }
            if (index > RolloverCounter.MAX_INDEX) {
                return dropKeyExhausted();
            }
        }
        int result = cipher.openRtp(a, offset, length, headerLength, ssrc, index);
        if (result < 0) {
            return dropFailed(result);
        }
        if (stream == null) {
            stream = new Stream();
            streams.putNew(ssrc, stream);
        }
        stream.rtp.accept(index);
        return result;
    }

    /** Verifies and, if encrypted, decrypts an SRTCP packet; returns the RTCP length or a negative result. */
    public int unprotectRtcp(byte[] a, int offset, int length) {
        int tagLength = profile.rtcpTagLength();
        if (!PacketBytes.fits(a, offset, length, 0) || length < PacketBytes.RTCP_HEADER + 4 + tagLength
                || (a[offset] & 0xc0) != 0x80) {
            return dropMalformed();
        }
        int ssrc = PacketBytes.readInt(a, offset + 4);
        // RFC 7714 puts the E-flag/index word after the tag, RFC 3711 puts it before.
        int wordAt = profile.isAead() ? offset + length - 4 : offset + length - tagLength - 4;
        int indexWord = PacketBytes.readInt(a, wordAt);
        int index = indexWord & ~E_FLAG;
        Stream stream = streams.get(ssrc);
        if (stream == null) {
            if (streams.isFull()) {
                return dropOverSsrcLimit();
            }
        } else if (!stream.rtcp.admits(index)) {
            return dropReplayed();
        }
        int result = cipher.openRtcp(a, offset, length, ssrc, indexWord);
        if (result < 0) {
            return dropFailed(result);
        }
        if (stream == null) {
            stream = new Stream();
            streams.putNew(ssrc, stream);
        }
        stream.rtcp.accept(index);
        return result;
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Number of SSRCs this context currently tracks. */
    public int trackedSsrcs() {
        return streams.size();
    }

    /** Packets whose tag did not verify. */
    public long authenticationFailures() {
        return authenticationFailures;
    }

    /** Duplicates and packets older than the replay window. */
    public long replays() {
        return replays;
    }

    /** Packets of a new SSRC that arrived while the SSRC limit was reached. */
    public long ssrcLimitDrops() {
        return ssrcLimitDrops;
    }

    /** Packets too short, not version 2, with a header longer than the packet, or lying outside the array. */
    public long malformed() {
        return malformed;
    }

    /** Packets whose index would need a rollover counter beyond 2^32 - 1. */
    public long keyExhausted() {
        return keyExhausted;
    }

    /** Packets the JCA provider refused for a reason other than a bad tag. */
    public long cipherRefusals() {
        return cipherRefusals;
    }

    private int dropFailed(int result) {
        if (result == SrtpResult.AUTHENTICATION_FAILED) {
            authenticationFailures++;
        } else {
            cipherRefusals++;
        }
        return result;
    }

    private int dropMalformed() {
        malformed++;
        return SrtpResult.MALFORMED;
    }

    private int dropReplayed() {
        replays++;
        return SrtpResult.REPLAYED;
    }

    private int dropOverSsrcLimit() {
        ssrcLimitDrops++;
        return SrtpResult.SSRC_LIMIT;
    }

    private int dropKeyExhausted() {
        keyExhausted++;
        return SrtpResult.KEY_EXHAUSTED;
    }

    /** Receive-side state of one SSRC. */
    private static final class Stream {
        final ReplayWindow rtp = new ReplayWindow();
        final ReplayWindow rtcp = new ReplayWindow();
    }
}

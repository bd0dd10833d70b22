package dev.hearth.relay.dtls;

import java.util.Arrays;

/**
 * The first record of a datagram read just far enough to tell whether it starts a DTLS handshake, and whose:
 * a plaintext (epoch 0) handshake record whose first fragment is a ClientHello, and that ClientHello's random.
 * RFC 6347 section 4.1 (13-byte record header: type, version, epoch, sequence number, length) and section
 * 4.2.2 (12-byte handshake header: type, length, message_seq, fragment_offset, fragment_length), then the
 * ClientHello body of RFC 5246 section 7.4.1.2 (client_version, then the 32-byte random).
 *
 * <p>The random tells a new handshake from a retransmitted one: a client resends its ClientHello unchanged,
 * and answers a HelloVerifyRequest with the same random (RFC 6347 section 4.2.1), while a new handshake draws a
 * new one. Nothing else is parsed; whatever this accepts still goes through BouncyCastle's full parser.
 */
public final class ClientHelloRecord {

    public static final int RANDOM_LENGTH = 32;

    static final int RECORD_HEADER_LENGTH = 13;
    static final int HANDSHAKE_HEADER_LENGTH = 12;

    private static final int CONTENT_TYPE_HANDSHAKE = 22;
    private static final int DTLS_MAJOR_VERSION = 0xFE;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    // client_version (2 bytes) before the random.
    private static final int RANDOM_OFFSET = RECORD_HEADER_LENGTH + HANDSHAKE_HEADER_LENGTH + 2;

    private final byte[] random;

    private ClientHelloRecord(byte[] random) {
        this.random = random;
    }

    /** The ClientHello that starts this datagram, or null when it starts with anything else. */
    public static ClientHelloRecord parse(byte[] a, int offset, int length) {
        if (a == null || offset < 0 || length < RANDOM_OFFSET + RANDOM_LENGTH || offset > a.length - length) {
            return null;
        }
        if (u8(a, offset) != CONTENT_TYPE_HANDSHAKE || u8(a, offset + 1) != DTLS_MAJOR_VERSION
                || u16(a, offset + 3) != 0) {
            return null;
        }
        int recordLength = u16(a, offset + 11);
        if (recordLength > length - RECORD_HEADER_LENGTH) {
            return null; // truncated record
        }
        int handshake = offset + RECORD_HEADER_LENGTH;
        if (u8(a, handshake) != HANDSHAKE_CLIENT_HELLO) {
            return null;
        }
        int messageLength = u24(a, handshake + 1);
        int fragmentOffset = u24(a, handshake + 6);
        int fragmentLength = u24(a, handshake + 9);
        // Only the first fragment carries the random; it must fit in the message and in the record.
        if (fragmentOffset != 0 || fragmentLength < 2 + RANDOM_LENGTH || fragmentLength > messageLength
                || fragmentLength > recordLength - HANDSHAKE_HEADER_LENGTH) {
            return null;
        }
        return new ClientHelloRecord(Arrays.copyOfRange(a, offset + RANDOM_OFFSET, offset + RANDOM_OFFSET + RANDOM_LENGTH));
    }

    public byte[] random() {
        return random.clone();
    }

    /** True when {@code other} is the same handshake's ClientHello (a retransmission), false for a new one. */
    public boolean sameHandshakeAs(ClientHelloRecord other) {
        return other != null && Arrays.equals(random, other.random);
    }

    private static int u8(byte[] a, int at) {
        return a[at] & 0xFF;
    }

    private static int u16(byte[] a, int at) {
        return (u8(a, at) << 8) | u8(a, at + 1);
    }

    private static int u24(byte[] a, int at) {
        return (u8(a, at) << 16) | u16(a, at + 1);
    }

    @Override
    public String toString() {
        return "ClientHelloRecord[random " + random.length + " bytes]";
    }
}

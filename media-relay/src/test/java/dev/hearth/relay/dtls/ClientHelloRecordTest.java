package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientHelloRecordTest {

    /**
     * A ClientHello datagram as BouncyCastle's DTLS 1.2 client sent it (record version DTLS 1.0 as RFC 6347
     * allows for the first flight, use_srtp, no cookie yet).
     */
    private static final byte[] CAPTURED = HexFormat.of().parseHex("16feff000000000000000000a401000098000000000000"
            + "0098fefd622c12e3c5e21d2f2ddeb45d2754108683c16639fb23f59edb5e42a92a570dbb00000004c02b00ff0100006a00"
            + "17000000160000000a000a0008001d001e00170018000500050100000000000e000700040007000100000d00360034080708"
            + "080403050306030809080a080b080408050806090409050906040105010601040205020602030303010302020302010202"
            + "000b00020100");
    private static final String CAPTURED_RANDOM = "622c12e3c5e21d2f2ddeb45d2754108683c16639fb23f59edb5e42a92a570dbb";

    @Test
    void readsTheRandomOfARealClientHello() {
        ClientHelloRecord hello = ClientHelloRecord.parse(CAPTURED, 0, CAPTURED.length);

        assertNotNull(hello);
        assertArrayEquals(HexFormat.of().parseHex(CAPTURED_RANDOM), hello.random());
    }

    @Test
    void readsAtAnOffsetInsideALargerBuffer() {
        byte[] buffer = new byte[CAPTURED.length + 20];
        System.arraycopy(CAPTURED, 0, buffer, 7, CAPTURED.length);

        ClientHelloRecord hello = ClientHelloRecord.parse(buffer, 7, CAPTURED.length);

        assertNotNull(hello);
        assertTrue(hello.sameHandshakeAs(ClientHelloRecord.parse(CAPTURED, 0, CAPTURED.length)));
    }

    @Test
    void aRetransmissionIsTheSameHandshakeAndANewClientHelloIsNot() throws Exception {
        byte[][] flights = firstTwoClientHellos();
        ClientHelloRecord first = ClientHelloRecord.parse(flights[0], 0, flights[0].length);
        ClientHelloRecord resent = ClientHelloRecord.parse(flights[1], 0, flights[1].length);
        byte[] other = captureFirstClientHello();
        ClientHelloRecord fresh = ClientHelloRecord.parse(other, 0, other.length);

        assertNotNull(first);
        assertNotNull(resent);
        assertNotNull(fresh);
        assertTrue(first.sameHandshakeAs(resent), "BouncyCastle resends the same ClientHello");
        assertFalse(first.sameHandshakeAs(fresh), "a new handshake draws a new random");
        assertFalse(first.sameHandshakeAs(null));
    }

    @Test
    void recordsThatDoNotStartAHandshakeAreNotClientHellos() {
        assertNull(parse(modified(3, 0x00, 4, 0x01)), "epoch 1: encrypted, not a ClientHello");
        assertNull(parse(modified(0, 23)), "application data");
        assertNull(parse(modified(0, 21)), "alert");
        assertNull(parse(modified(13, 2)), "ServerHello");
        assertNull(parse(modified(1, 0x03)), "a TLS, not DTLS, version");
        assertNull(parse(modified(20, 0x01)), "a later fragment carries no random");
        assertNull(parse(modified(11, 0x7F)), "record length beyond the datagram");
        assertNull(parse(modified(24, 0x10)), "fragment shorter than version and random");
        assertNull(parse(modified(14, 0x00, 15, 0x00, 16, 0x10)), "fragment longer than the message");
        assertNull(ClientHelloRecord.parse(CAPTURED, 0, 58), "cut inside the random");
        assertNull(ClientHelloRecord.parse(CAPTURED, 0, 0));
        assertNull(ClientHelloRecord.parse(null, 0, 10));
        assertNull(ClientHelloRecord.parse(CAPTURED, CAPTURED.length - 10, 100), "bounds beyond the array");
    }

    @Test
    void aDtls12RecordVersionIsAcceptedToo() {
        assertNotNull(parse(modified(2, 0xFD)), "DTLS 1.2 record version (second flight, or other stacks)");
    }

    private static ClientHelloRecord parse(byte[] datagram) {
        return ClientHelloRecord.parse(datagram, 0, datagram.length);
    }

    /** CAPTURED with bytes replaced: pairs of (index, new value). */
    private static byte[] modified(int... indexValuePairs) {
        byte[] copy = CAPTURED.clone();
        for (int i = 0; i < indexValuePairs.length; i += 2) {
            copy[indexValuePairs[i]] = (byte) indexValuePairs[i + 1];
        }
        return copy;
    }

    private static byte[] captureFirstClientHello() throws Exception {
        return firstTwoClientHellos()[0];
    }

    /** A real client's first ClientHello and its retransmission (the wire's server side never answers). */
    private static byte[][] firstTwoClientHellos() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> new DTLSClientProtocol().connect(
                    new TestDtlsClient(ClientIdentity.ecdsa(), DtlsCertificate.generate().fingerprint(), 7, 1),
                    wire.client));
            byte[][] hellos = new byte[2][];
            byte[] buffer = new byte[2048];
            for (int i = 0; i < 2; i++) {
                int length = wire.server.receive(buffer, 0, buffer.length, 10_000);
                if (length < 0) {
                    throw new AssertionError("the client sent no ClientHello " + (i + 1));
                }
                hellos[i] = Arrays.copyOf(buffer, length);
            }
            return hellos;
        } finally {
            wire.client.close();
            thread.shutdownNow();
        }
    }
}

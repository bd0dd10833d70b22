package dev.hearth.relay.stun;

import static dev.hearth.relay.stun.Rfc5769Vectors.IPV4_RESPONSE;
import static dev.hearth.relay.stun.Rfc5769Vectors.IPV6_RESPONSE;
import static dev.hearth.relay.stun.Rfc5769Vectors.PASSWORD;
import static dev.hearth.relay.stun.Rfc5769Vectors.REQUEST;
import static dev.hearth.relay.stun.Rfc5769Vectors.TRANSACTION_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    private final StunMessage message = new StunMessage();

    @Test
    void parsesRfc5769SampleRequest() {
        assertTrue(message.wrap(REQUEST, 0, REQUEST.length));
        assertTrue(message.isBindingRequest());
        assertArrayEquals(TRANSACTION_ID, message.transactionId());
        assertEquals("STUN test client", message.software());
        assertEquals("evtj:h6vY", message.username());
        assertEquals(0x6e0001ffL, message.priority());
        assertTrue(message.hasIceControlled());
        assertEquals(0x932ff9b151263b36L, message.iceControlledTieBreaker());
        assertFalse(message.hasIceControlling());
        assertFalse(message.hasUseCandidate());
        assertFalse(message.hasUnknownComprehensionRequired());
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
        assertTrue(message.verifyFingerprint());
    }

    @Test
    void parsesRfc5769Ipv4Response() throws Exception {
        assertTrue(message.wrap(IPV4_RESPONSE, 0, IPV4_RESPONSE.length));
        assertTrue(message.isBindingSuccessResponse());
        assertEquals("test vector", message.software());
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), message.xorMappedAddress());
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
        assertTrue(message.verifyFingerprint());
    }

    @Test
    void parsesRfc5769Ipv6Response() throws Exception {
        assertTrue(message.wrap(IPV6_RESPONSE, 0, IPV6_RESPONSE.length));
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                message.xorMappedAddress());
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
        assertTrue(message.verifyFingerprint());
    }

    @Test
    void parsesAtAnOffsetInsideALargerBuffer() {
        byte[] buffer = new byte[REQUEST.length + 37];
        System.arraycopy(REQUEST, 0, buffer, 13, REQUEST.length);
        assertTrue(StunMessages.isStun(buffer, 13, REQUEST.length));
        assertTrue(message.wrap(buffer, 13, REQUEST.length));
        assertEquals("evtj:h6vY", message.username());
        assertTrue(message.transactionIdEquals(TRANSACTION_ID, 0));
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
        assertTrue(message.verifyFingerprint());
    }

    @Test
    void wrongPasswordFailsIntegrity() {
        assertTrue(message.wrap(REQUEST, 0, REQUEST.length));
        assertFalse(message.verifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.UTF_8)));
        assertFalse(message.verifyMessageIntegrity(new byte[0]));
        assertFalse(message.verifyMessageIntegrity(null));
    }

    @Test
    void anyFlippedBitBreaksIntegrityOrFingerprint() {
        for (int bit = 0; bit < REQUEST.length * 8; bit++) {
            byte[] copy = REQUEST.clone();
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            if (message.wrap(copy, 0, copy.length)) {
                assertFalse(message.verifyMessageIntegrity(PASSWORD) && message.verifyFingerprint(),
                        "bit " + bit + " went unnoticed");
            }
        }
    }

    @Test
    void rejectsLengthThatDisagreesWithDatagram() {
        assertFalse(message.wrap(REQUEST, 0, REQUEST.length - 4));
        byte[] longer = java.util.Arrays.copyOf(REQUEST, REQUEST.length + 4);
        assertFalse(message.wrap(longer, 0, longer.length));
        assertFalse(message.isValid());
    }

    @Test
    void rejectsMissingMagicCookieAndHighBits() {
        byte[] noCookie = REQUEST.clone();
        noCookie[4] = 0;
        assertFalse(StunMessages.isStun(noCookie, 0, noCookie.length));
        assertFalse(message.wrap(noCookie, 0, noCookie.length));
        byte[] rtpLike = REQUEST.clone();
        rtpLike[0] = (byte) 0x80;
        assertFalse(StunMessages.isStun(rtpLike, 0, rtpLike.length));
    }

    @Test
    void isStunRejectsShortAndOutOfRangeInput() {
        assertFalse(StunMessages.isStun(REQUEST, 0, 19));
        assertFalse(StunMessages.isStun(REQUEST, REQUEST.length - 10, 20));
        assertFalse(StunMessages.isStun(REQUEST, -1, 20));
        assertFalse(StunMessages.isStun(null, 0, 20));
    }

    @Test
    void rejectsAttributeAfterFingerprint() {
        byte[] extended = new byte[REQUEST.length + 8];
        System.arraycopy(REQUEST, 0, extended, 0, REQUEST.length);
        extended[REQUEST.length] = (byte) 0x80;
        extended[REQUEST.length + 1] = 0x22;
        extended[REQUEST.length + 3] = 4;
        extended[3] = (byte) (extended.length - 20);
        assertFalse(message.wrap(extended, 0, extended.length));
    }

    @Test
    void rejectsAttributeOverrunningTheMessage() {
        byte[] broken = REQUEST.clone();
        broken[22] = 0x01; // SOFTWARE claims 0x0110 bytes
        assertFalse(message.wrap(broken, 0, broken.length));
    }

    @Test
    void reportsUnknownComprehensionRequiredButIgnoresUnknownOptional() {
        byte[] id = TRANSACTION_ID;
        byte[] buffer = new byte[200];
        int length = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_REQUEST, id, 0)
                .attribute(0xC057, new byte[4], 0, 4)
                .attribute(0x7F01, new byte[3], 0, 3)
                .username("a:b")
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .length();
        assertTrue(message.wrap(buffer, 0, length));
        assertTrue(message.hasUnknownComprehensionRequired());
        assertArrayEquals(new int[] {0x7F01}, message.unknownComprehensionRequired());
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
    }

    @Test
    void ignoresAttributesBetweenIntegrityAndFingerprint() {
        byte[] buffer = new byte[200];
        StunMessageWriter writer = new StunMessageWriter().wrap(buffer, 0, buffer.length)
                .begin(StunMessages.BINDING_REQUEST, TRANSACTION_ID, 0)
                .username("a:b")
                .messageIntegrity(PASSWORD)
                .username("evil:x")
                .attribute(0x7F02, new byte[0], 0, 0);
        int length = writer.fingerprint().length();
        assertTrue(message.wrap(buffer, 0, length));
        assertEquals("a:b", message.username());
        assertFalse(message.hasUnknownComprehensionRequired());
        assertTrue(message.verifyMessageIntegrity(PASSWORD));
        assertTrue(message.verifyFingerprint());
    }

    @Test
    void reportsMessageClassAndMethod() {
        assertEquals(StunMessages.METHOD_BINDING, StunMessages.method(StunMessages.BINDING_ERROR_RESPONSE));
        assertEquals(0, StunMessages.messageClass(StunMessages.BINDING_REQUEST));
        assertEquals(1, StunMessages.messageClass(StunMessages.BINDING_INDICATION));
        assertEquals(2, StunMessages.messageClass(StunMessages.BINDING_SUCCESS_RESPONSE));
        assertEquals(3, StunMessages.messageClass(StunMessages.BINDING_ERROR_RESPONSE));
        assertEquals(0x003, StunMessages.method(0x0003));
    }
}

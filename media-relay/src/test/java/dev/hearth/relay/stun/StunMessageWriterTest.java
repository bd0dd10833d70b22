package dev.hearth.relay.stun;

import static dev.hearth.relay.stun.Rfc5769Vectors.IPV4_RESPONSE;
import static dev.hearth.relay.stun.Rfc5769Vectors.IPV6_RESPONSE;
import static dev.hearth.relay.stun.Rfc5769Vectors.PASSWORD;
import static dev.hearth.relay.stun.Rfc5769Vectors.REQUEST;
import static dev.hearth.relay.stun.Rfc5769Vectors.TRANSACTION_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StunMessageWriterTest {
    private final StunMessage parsed = new StunMessage();

    @Test
    void reencodesRfc5769Ipv4ResponseByteForByte() throws Exception {
        assertArrayEquals(IPV4_RESPONSE, encodeSampleResponse(
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
    }

    @Test
    void reencodesRfc5769Ipv6ResponseByteForByte() throws Exception {
        assertArrayEquals(IPV6_RESPONSE, encodeSampleResponse(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853)));
    }

    @Test
    void reencodesRfc5769RequestByteForByte() {
        byte[] out = new byte[128];
        int length = new StunMessageWriter().wrap(out, 0, out.length)
                .padWith((byte) 0x20)
                .begin(StunMessages.BINDING_REQUEST, TRANSACTION_ID, 0)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceRole(IceRole.CONTROLLED, 0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .length();
        assertArrayEquals(REQUEST, Arrays.copyOf(out, length));
    }

    private static byte[] encodeSampleResponse(InetSocketAddress mapped) {
        byte[] out = new byte[128];
        int length = new StunMessageWriter().wrap(out, 0, out.length)
                .padWith((byte) 0x20)
                .begin(StunMessages.BINDING_SUCCESS_RESPONSE, TRANSACTION_ID, 0)
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(PASSWORD)
                .fingerprint()
                .length();
        return Arrays.copyOf(out, length);
    }

    @Test
    void bindingSuccessEchoesTransactionIdAndSource() throws Exception {
        assertTrue(parsed.wrap(REQUEST, 0, REQUEST.length));
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 50123);
        byte[] out = new byte[100];
        int length = StunResponses.writeBindingSuccess(parsed, source, PASSWORD, out, 4, 96);

        StunMessage response = new StunMessage();
        assertTrue(response.wrap(out, 4, length));
        assertTrue(response.isBindingSuccessResponse());
        assertTrue(response.transactionIdEquals(TRANSACTION_ID, 0));
        assertEquals(source, response.xorMappedAddress());
        assertTrue(response.verifyMessageIntegrity(PASSWORD));
        assertTrue(response.verifyFingerprint());
        assertEquals(20 + 12 + 24 + 8, length);
    }

    @Test
    void bindingErrorCarriesCodeAndOptionalIntegrity() {
        assertTrue(parsed.wrap(REQUEST, 0, REQUEST.length));
        byte[] out = new byte[200];
        StunMessage response = new StunMessage();

        int unauthenticated = StunResponses.writeBindingError(
                parsed, StunErrorCode.UNAUTHENTICATED, null, out, 0, out.length);
        assertTrue(response.wrap(out, 0, unauthenticated));
        assertTrue(response.isBindingErrorResponse());
        assertEquals(401, response.errorCode());
        assertEquals("Unauthenticated", response.errorReason());
        assertFalse(response.hasMessageIntegrity());
        assertTrue(response.verifyFingerprint());

        int conflict = StunResponses.writeBindingError(parsed, StunErrorCode.ROLE_CONFLICT, PASSWORD, out, 0, 200);
        assertTrue(response.wrap(out, 0, conflict));
        assertEquals(487, response.errorCode());
        assertTrue(response.verifyMessageIntegrity(PASSWORD));
        assertTrue(response.verifyFingerprint());
    }

    @Test
    void unknownAttributeErrorListsTheOffendingTypes() {
        byte[] request = new byte[100];
        int length = new StunMessageWriter().wrap(request, 0, request.length)
                .begin(StunMessages.BINDING_REQUEST, TRANSACTION_ID, 0)
                .attribute(0x0031, new byte[2], 0, 2)
                .attribute(0x0042, new byte[0], 0, 0)
                .fingerprint().length();
        assertTrue(parsed.wrap(request, 0, length));
        byte[] out = new byte[100];
        int written = StunResponses.writeBindingError(
                parsed, StunErrorCode.UNKNOWN_ATTRIBUTE, null, out, 0, out.length);
        StunMessage response = new StunMessage();
        assertTrue(response.wrap(out, 0, written));
        assertEquals(420, response.errorCode());
        assertArrayEquals(new int[] {0x0031, 0x0042}, response.unknownAttributesListed());
    }

    @Test
    void bindingRequestCarriesIceAttributes() {
        byte[] txId = new byte[12];
        Arrays.fill(txId, (byte) 7);
        BindingRequest request = new BindingRequest(txId, "relay:peer", 1_845_501_695L, IceRole.CONTROLLING,
                0x1122334455667788L, true);
        byte[] out = new byte[200];
        int length = request.writeTo(out, 0, out.length, PASSWORD);

        assertTrue(parsed.wrap(out, 0, length));
        assertTrue(parsed.isBindingRequest());
        assertArrayEquals(txId, parsed.transactionId());
        assertEquals("relay:peer", parsed.username());
        assertEquals(1_845_501_695L, parsed.priority());
        assertTrue(parsed.hasIceControlling());
        assertEquals(0x1122334455667788L, parsed.iceControllingTieBreaker());
        assertTrue(parsed.hasUseCandidate());
        assertTrue(parsed.verifyMessageIntegrity(PASSWORD));
        assertTrue(parsed.verifyFingerprint());
    }

    @Test
    void tooSmallBufferIsRejectedClearly() {
        byte[] out = new byte[40];
        StunMessageWriter writer = new StunMessageWriter().wrap(out, 0, out.length)
                .begin(StunMessages.BINDING_REQUEST, TRANSACTION_ID, 0);
        assertThrows(IllegalArgumentException.class, () -> writer.username("a-username-that-will-not-fit-here"));
        assertThrows(IllegalArgumentException.class, () -> new StunMessageWriter().wrap(out, 30, 20));
    }

    @Test
    void bindingRequestValidatesItsFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new BindingRequest(new byte[11], "a:b", 1, IceRole.CONTROLLING, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new BindingRequest(new byte[12], "", 1, IceRole.CONTROLLING, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new BindingRequest(new byte[12], "a:b", 0, IceRole.CONTROLLING, 0, false));
    }
}

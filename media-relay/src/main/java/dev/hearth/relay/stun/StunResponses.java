package dev.hearth.relay.stun;

import java.net.InetSocketAddress;

/** Answers to a parsed request, echoing its transaction id (RFC 8489 section 6.3.1, RFC 8445 section 7.3). */
public final class StunResponses {
    private StunResponses() {
    }

    /**
     * Binding success response: XOR-MAPPED-ADDRESS of the request's source, MESSAGE-INTEGRITY with {@code key} (the
     * local ICE password), FINGERPRINT. Returns the length written at {@code dst[offset]}.
     */
    public static int writeBindingSuccess(
            StunMessage request, InetSocketAddress source, byte[] key, byte[] dst, int offset, int capacity) {
        return new StunMessageWriter().wrap(dst, offset, capacity)
                .begin(StunMessages.BINDING_SUCCESS_RESPONSE, request.array(), request.transactionIdOffset())
                .xorMappedAddress(source)
                .messageIntegrity(key)
                .fingerprint()
                .length();
    }

    /**
     * Binding error response with ERROR-CODE, MESSAGE-INTEGRITY when {@code key} is non-null (only when the request
     * itself authenticated, e.g. 487; never for 400/401), and FINGERPRINT. A 420 also lists the request's unknown
     * comprehension-required attributes.
     */
    public static int writeBindingError(
            StunMessage request, StunErrorCode error, byte[] key, byte[] dst, int offset, int capacity) {
        StunMessageWriter writer = new StunMessageWriter().wrap(dst, offset, capacity)
                .begin(StunMessages.BINDING_ERROR_RESPONSE, request.array(), request.transactionIdOffset())
                .errorCode(error.code(), error.reason());
        if (error == StunErrorCode.UNKNOWN_ATTRIBUTE) {
            writer.unknownAttributes(request.unknownComprehensionRequired());
        }
        if (key != null) {
            writer.messageIntegrity(key);
        }
        return writer.fingerprint().length();
    }
}

package dev.hearth.relay.transport;

import dev.hearth.relay.ice.IceCheckResult;
import dev.hearth.relay.stun.StunErrorCode;
import dev.hearth.relay.stun.StunMessage;
import dev.hearth.relay.stun.StunMessageWriter;
import dev.hearth.relay.stun.StunMessages;
import dev.hearth.relay.stun.StunResponses;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * Writes the answers to ICE checks straight into pooled heap buffers and sends them back through the path the
 * check came in on. One per relay, confined to the event loop, so its STUN writer (and the HMAC inside) is reused instead of created per answer.
 */
final class StunResponder {

    // Success: 20 header + 12 XOR-MAPPED-ADDRESS (24 for IPv6) + 24 integrity + 8 fingerprint. Errors add at
    // most a reason phrase and 16 unknown attribute types.
    private static final int CAPACITY = 256;

    private final StunMessageWriter writer = new StunMessageWriter();

    /** Answers {@code request} as {@code result} says; returns false when nothing was sent (a silent drop). */
    boolean answer(StunMessage request, PacketPath path, InetSocketAddress source, IceCheckResult result) {
        StunErrorCode error = switch (result.verdict()) {
            case ACCEPTED, DROPPED -> null;
            case BAD_REQUEST -> StunErrorCode.BAD_REQUEST;
            case UNAUTHENTICATED -> StunErrorCode.UNAUTHENTICATED;
            case UNKNOWN_ATTRIBUTE -> StunErrorCode.UNKNOWN_ATTRIBUTE;
            case ROLE_CONFLICT -> StunErrorCode.ROLE_CONFLICT;
        };
        if (error == null && !result.accepted()) {
            return false;
        }
        // Owner: this method until send, then the path's channel, which releases it after the write.
        ByteBuf buffer = path.allocate(CAPACITY);
        try {
            byte[] a = buffer.array();
            int at = buffer.arrayOffset() + buffer.writerIndex();
            int length;
            if (error == null) {
                length = writer.wrap(a, at, CAPACITY)
                        .begin(StunMessages.BINDING_SUCCESS_RESPONSE, request.array(), request.transactionIdOffset())
                        .xorMappedAddress(source)
                        .messageIntegrity(result.responseKey())
                        .fingerprint()
                        .length();
            } else {
                length = StunResponses.writeBindingError(request, error, result.responseKey(), a, at, CAPACITY);
            }
            buffer.writerIndex(buffer.writerIndex() + length);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        path.send(buffer, source);
        return true;
    }
}

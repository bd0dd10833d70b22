package dev.hearth.relay.stun;

/**
 * An ICE connectivity check or consent request (RFC 8445 section 7.2.2, RFC 7675): USERNAME, PRIORITY, the role
 * attribute, optionally USE-CANDIDATE, then MESSAGE-INTEGRITY and FINGERPRINT.
 */
public record BindingRequest(
        byte[] transactionId, String username, long priority, IceRole role, long tieBreaker, boolean useCandidate) {

    public BindingRequest {
        if (transactionId == null || transactionId.length != StunMessages.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("STUN transaction id needs 12 bytes");
        }
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a Binding request needs a USERNAME");
        }
        if (priority < 1 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ICE priority is 1..2^32-1");
        }
        if (role == null) {
            throw new IllegalArgumentException("a Binding request needs an ICE role");
        }
        transactionId = transactionId.clone();
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** Writes the request into {@code dst} and returns its length. */
    public int writeTo(byte[] dst, int offset, int capacity, byte[] integrityKey) {
        StunMessageWriter writer = new StunMessageWriter().wrap(dst, offset, capacity)
                .begin(StunMessages.BINDING_REQUEST, transactionId, 0)
                .username(username)
                .priority(priority)
                .iceRole(role, tieBreaker);
        if (useCandidate) {
            writer.useCandidate();
        }
        return writer.messageIntegrity(integrityKey).fingerprint().length();
    }
}

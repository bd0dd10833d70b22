package dev.hearth.relay.rtp;

/** Receives each header extension element of a packet; {@code offset} is absolute in {@code array}. */
@FunctionalInterface
public interface RtpExtensionVisitor {
    void element(int id, byte[] array, int offset, int length);
}

package dev.hearth.relay.dtls;

/**
 * Where a {@link QueueDatagramTransport} puts the DTLS datagrams it sends; the relay implements it with a
 * Netty write to the transport's remote address.
 *
 * <p>Called on a DTLS executor thread. The array belongs to BouncyCastle and may be reused after the call
 * returns, so an implementation copies the bytes it needs (e.g. into a ByteBuf) before returning. It must not
 * block.
 */
@FunctionalInterface
public interface DatagramSink {

    void send(byte[] buffer, int offset, int length);
}

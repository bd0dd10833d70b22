package dev.hearth.bench.net;

/** Where a transport hands each SRTP packet it decrypted, on its receive thread. */
public interface MediaSink {

    /**
     * @param a      the decrypted RTP packet, valid only during the call
     * @param length its length from offset 0
     * @param nanos  {@link System#nanoTime()} when it was read from the socket
     */
    void rtp(byte[] a, int length, long nanos);

    /** A packet that failed SRTP authentication or replay checks. */
    void rejected();
}

/**
 * SRTP and SRTCP for the relay (RFC 3711, RFC 7714), keyed from DTLS-SRTP (RFC 5764).
 *
 * <p>Per DTLS session the transport builds one {@link dev.hearth.relay.srtp.SrtpKeyMaterial} from the exporter
 * output and from it one {@link dev.hearth.relay.srtp.SrtpSendContext} and one
 * {@link dev.hearth.relay.srtp.SrtpReceiveContext}. Their packet methods work in place on the pooled heap buffer
 * the relay received into, return the new length or a negative {@link dev.hearth.relay.srtp.SrtpResult}, and
 * count every drop, so the event loop never handles an exception for a bad packet.
 *
 * <p>Inside, a context does the stream bookkeeping (SSRC table, rollover counter, replay windows) and hands the
 * bytes to a {@code PacketCipher}: AES-GCM or AES-CM with HMAC-SHA1, both on JCA so that the JVM's AES and
 * GHASH intrinsics do the work.
 */
package dev.hearth.relay.srtp;

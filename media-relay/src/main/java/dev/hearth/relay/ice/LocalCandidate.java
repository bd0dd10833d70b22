package dev.hearth.relay.ice;

/**
 * The relay's side of a pair: one socket it listens on (a UDP socket of one address, or one accepted ICE-TCP
 * connection). The agent compares them by identity, so a client address checked on two of the relay's sockets
 * makes two pairs, each answered and served through its own socket.
 */
public interface LocalCandidate {

    /** The candidate's priority as advertised in the SDP: the controlled side's D in the pair priority. */
    long priority();
}

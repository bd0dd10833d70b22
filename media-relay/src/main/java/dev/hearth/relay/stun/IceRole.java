package dev.hearth.relay.stun;

/** The ICE role an agent claims in a Binding request (RFC 8445 section 7.1.3). */
public enum IceRole {
    CONTROLLING,
    CONTROLLED
}

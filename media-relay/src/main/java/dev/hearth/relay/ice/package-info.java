/**
 * ICE-lite for the relay (RFC 8445 section 2.5, RFC 8489 STUN, RFC 7675 consent): the relay only answers the
 * client's connectivity checks. {@link dev.hearth.relay.ice.IceLiteAgent} judges each check of one transport
 * and remembers validated and selected client addresses; {@link dev.hearth.relay.ice.IceUsername} reads the
 * routing ufrag out of a check. No Netty here: the transport package routes packets and writes the answers.
 */
package dev.hearth.relay.ice;

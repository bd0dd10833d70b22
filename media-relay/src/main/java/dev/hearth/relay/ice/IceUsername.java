package dev.hearth.relay.ice;

import dev.hearth.relay.stun.StunMessage;

import java.nio.charset.StandardCharsets;

/**
 * The USERNAME of an ICE check is {@code "<receiver ufrag>:<sender ufrag>"} (RFC 8445 section 7.2.2). The relay
 * receives the checks, so the part before the colon is its own (local) ufrag and routes the check to a
 * transport; the part after is the client's.
 */
public final class IceUsername {

    private IceUsername() {
    }

    /** The local ufrag of a check, or null when the message has no USERNAME or no colon in it. */
    public static String localUfrag(StunMessage message) {
        int colon = colon(message);
        return colon < 0 ? null
                : new String(message.array(), message.usernameOffset(), colon - message.usernameOffset(),
                        StandardCharsets.UTF_8);
    }

    /** The remote (client) ufrag of a check, or null when the message has no USERNAME or no colon in it. */
    public static String remoteUfrag(StunMessage message) {
        int colon = colon(message);
        int end = message.usernameOffset() + message.usernameLength();
        return colon < 0 ? null : new String(message.array(), colon + 1, end - colon - 1, StandardCharsets.UTF_8);
    }

    private static int colon(StunMessage message) {
        if (!message.hasUsername()) {
            return -1;
        }
        byte[] a = message.array();
        int start = message.usernameOffset();
        int end = start + message.usernameLength();
        for (int i = start; i < end; i++) {
            if (a[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}

package dev.hearth.relay.ice;

import dev.hearth.relay.transport.IceParameters;

import java.security.SecureRandom;

/**
 * Fresh local ICE credentials (RFC 8839 section 5.4): an 8-character ufrag (48 bits, enough to route STUN on
 * one relay port without collisions in practice) and a 24-character password (144 bits, above the 128 bits the
 * RFC asks for), both from the ice-char alphabet.
 */
public final class IceCredentialGenerator {

    public static final int UFRAG_LENGTH = 8;
    public static final int PASSWORD_LENGTH = 24;

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random;

    public IceCredentialGenerator(SecureRandom random) {
        if (random == null) {
            throw new IllegalArgumentException("random is required");
        }
        this.random = random;
    }

    public IceParameters next() {
        return new IceParameters(randomString(UFRAG_LENGTH), randomString(PASSWORD_LENGTH));
    }

    private String randomString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}

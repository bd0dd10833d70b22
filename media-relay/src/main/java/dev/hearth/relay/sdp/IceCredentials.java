package dev.hearth.relay.sdp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * ICE username fragment and password (RFC 8839 §5.4). The password is a secret: {@link #toString()}
 * never shows it.
 */
public record IceCredentials(String ufrag, String pwd) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !SdpTokens.isIceChars(ufrag)) {
            throw new SdpException("ice-ufrag must be 4-256 ice-chars");
        }
        if (pwd.length() < 22 || pwd.length() > 256 || !SdpTokens.isIceChars(pwd)) {
            throw new SdpException("ice-pwd must be 22-256 ice-chars");
        }
    }

    /**
     * Fresh credentials: 8-character ufrag (48 bits, enough to route STUN on one relay port) and a
     * 24-character password (144 bits, above the 128 bits RFC 8839 asks for).
     */
    public static IceCredentials random(SecureRandom random) {
        return new IceCredentials(randomIceString(random, 8), randomIceString(random, 24));
    }

    private static String randomIceString(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=<redacted>]";
    }
}

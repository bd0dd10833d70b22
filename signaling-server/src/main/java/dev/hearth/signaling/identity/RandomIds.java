package dev.hearth.signaling.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers and secrets. Everything here comes from {@link SecureRandom} and nothing is derived
 * from a person, so an identifier reveals nothing and cannot be guessed from another one.
 */
public final class RandomIds {

    /** RFC 4648 base32 alphabet, lower-cased: no 0/1/8/9 that could be misread as O/I/B/g. */
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** {@code length} random base32 characters: 5 bits of entropy each. */
    public static String base32(int length) {
        byte[] raw = new byte[length];
        RANDOM.nextBytes(raw);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            // 32 divides 256, so the low five bits of a uniform byte are uniform.
            out[i] = BASE32[raw[i] & 0x1F];
        }
        return new String(out);
    }

    /** {@code bytes} random bytes, base64url without padding (safe in URLs and JSON). */
    public static String base64Url(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** True when {@code text} is {@code prefix} followed by exactly {@code length} base32 characters. */
    public static boolean isBase32Id(String text, String prefix, int length) {
        if (text == null || text.length() != prefix.length() + length || !text.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }
}

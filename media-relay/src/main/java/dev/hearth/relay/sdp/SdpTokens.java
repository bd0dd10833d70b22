package dev.hearth.relay.sdp;

/**
 * Character-class checks from RFC 8866 and RFC 8839. Values that the relay copies from a remote
 * description into its own (mids, stream ids) must be tokens, so a hostile peer cannot smuggle spaces
 * or line breaks into the descriptions we write.
 */
final class SdpTokens {

    private SdpTokens() {
    }

    /** RFC 8866 token-char: visible ASCII except {@code " ( ) , / : ; < = > ? @ [ \ ] } and space. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 proto: token *("/" token), e.g. {@code UDP/DTLS/SCTP}. */
    static boolean isProto(String s) {
        if (s == null || s.isEmpty() || s.startsWith("/") || s.endsWith("/") || s.contains("//")) {
            return false;
        }
        return s.chars().allMatch(c -> c == '/' || isTokenChar((char) c));
    }

    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    /** RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII without spaces: what we accept for values we write back, such as a CNAME. */
    static boolean isVisibleAscii(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}

package dev.hearth.relay.stun;

/** Attribute types the relay understands (RFC 8489 section 18.3, RFC 8445 section 16.1). */
public final class StunAttributes {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** RFC 8489 section 14.3: USERNAME is less than 513 bytes. */
    public static final int MAX_USERNAME_LENGTH = 512;
    /** RFC 8489 sections 14.8 and 14.14: reason phrases and SOFTWARE are under 763 bytes. */
    public static final int MAX_TEXT_LENGTH = 762;

    private StunAttributes() {
    }

    /** Types 0x0000-0x7FFF must be understood; an unknown one makes a request fail with 420. */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    static boolean isKnown(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, XOR_MAPPED_ADDRESS,
                    PRIORITY, USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED, ICE_CONTROLLING -> true;
            default -> false;
        };
    }
}

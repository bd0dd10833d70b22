package dev.hearth.relay.sdp;

import java.util.Locale;

/** The media type of an m-line. Anything the relay has no use for is {@link #OTHER}. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video"),
    APPLICATION("application"),
    OTHER("other");

    private final String token;

    MediaKind(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public boolean isRtp() {
        return this == AUDIO || this == VIDEO;
    }

    static MediaKind fromToken(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            case "application" -> APPLICATION;
            default -> OTHER;
        };
    }
}

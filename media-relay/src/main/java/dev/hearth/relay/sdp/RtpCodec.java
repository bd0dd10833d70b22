package dev.hearth.relay.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One payload type of an m-line as described by its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines (wildcard {@code *} feedback included).
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, Optional<String> fmtp,
                       List<RtcpFeedback> feedback) {

    public RtpCodec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fmtp, "fmtp");
        feedback = List.copyOf(feedback);
    }

    public boolean is(String codecName) {
        return name.equalsIgnoreCase(codecName);
    }

    public boolean isRtx() {
        return is("rtx");
    }

    /**
     * The fmtp parameters in order, names lower-cased; a parameter without {@code =} maps to "". Keys
     * repeated later are ignored, as a hostile peer could otherwise make one name mean two things.
     */
    public Map<String, String> parameters() {
        if (fmtp.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : fmtp.get().split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).strip();
            out.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(out);
    }

    /** For an RTX payload type, the payload type it retransmits ({@code apt}, RFC 4588). */
    public OptionalInt associatedPayloadType() {
        String apt = parameters().get("apt");
        if (apt == null) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(apt);
            return value >= 0 && value <= 127 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}

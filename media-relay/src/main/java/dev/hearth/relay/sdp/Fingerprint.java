package dev.hearth.relay.sdp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A certificate fingerprint {@code a=fingerprint:<hash> <hex pairs>} (RFC 8122). Normalised to a
 * lower-case hash name and upper-case hex so two spellings of one fingerprint are equal. This is the SDP
 * value only; the DTLS handshake checks certificates against it with {@code dtls.Fingerprint}.
 */
public record Fingerprint(String algorithm, String value) {

    private static final Pattern HASH = Pattern.compile("[a-z0-9-]{1,16}");
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){15,63}");

    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        if (!HASH.matcher(algorithm).matches()) {
            throw new SdpException("fingerprint hash function name is malformed");
        }
        if (!HEX_PAIRS.matcher(value).matches()) {
            throw new SdpException("fingerprint must be 16-64 colon-separated hex pairs");
        }
    }

    /** The SHA-256 fingerprint of a DER-encoded certificate, the form browsers expect. */
    public static Fingerprint sha256Of(byte[] certificateDer) {
        return new Fingerprint("sha-256", HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                digest("SHA-256", certificateDer)));
    }

    public String attributeValue() {
        return algorithm + " " + value;
    }

    private static byte[] digest(String jcaName, byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }
}

package dev.hearth.relay.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A certificate fingerprint as carried in SDP ({@code a=fingerprint:sha-256 AB:CD:...}, RFC 8122). The DTLS
 * handshake authenticates the browser only through this value, so comparison is constant-time.
 */
public final class Fingerprint {

    /** Hash functions accepted in SDP; WebRTC browsers use sha-256, the others are kept for interoperability. */
    public enum Algorithm {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        private final String sdpName;
        private final String jcaName;
        private final int digestLength;

        Algorithm(String sdpName, String jcaName, int digestLength) {
            this.sdpName = sdpName;
            this.jcaName = jcaName;
            this.digestLength = digestLength;
        }

        public String sdpName() {
            return sdpName;
        }

        public int digestLength() {
            return digestLength;
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(jcaName).digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides " + jcaName, e);
            }
        }

        static Algorithm fromSdpName(String name) {
            for (Algorithm algorithm : values()) {
                if (algorithm.sdpName.equalsIgnoreCase(name)) {
                    return algorithm;
                }
            }
            throw new InvalidFingerprintException("unsupported fingerprint hash function; expected one of "
                    + "sha-1, sha-256, sha-384, sha-512");
        }
    }

    // Longest valid value: "sha-512 " plus 64 hex pairs joined by ':'. Bounds the work spent on hostile input.
    private static final int MAX_SDP_VALUE_LENGTH = 8 + 64 * 3 - 1;

    private final Algorithm algorithm;
    private final byte[] digest;

    private Fingerprint(Algorithm algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /** Parses the value of an SDP fingerprint attribute, e.g. {@code "sha-256 AB:CD:..."}. */
    public static Fingerprint parse(String sdpValue) {
        if (sdpValue == null) {
            throw new InvalidFingerprintException("fingerprint is missing");
        }
        String value = sdpValue.strip();
        if (value.length() > MAX_SDP_VALUE_LENGTH) {
            throw new InvalidFingerprintException("fingerprint is too long");
        }
        String[] parts = value.split("[ \t]+");
        if (parts.length != 2) {
            throw new InvalidFingerprintException("fingerprint must be a hash function and a digest separated by a space");
        }
        Algorithm algorithm = Algorithm.fromSdpName(parts[0]);
        return new Fingerprint(algorithm, parseHexPairs(parts[1], algorithm));
    }

    /** The fingerprint of a DER-encoded certificate under the given hash function. */
    public static Fingerprint of(Algorithm algorithm, byte[] derCertificate) {
        if (derCertificate == null || derCertificate.length == 0) {
            throw new IllegalArgumentException("certificate bytes are missing");
        }
        return new Fingerprint(algorithm, algorithm.digest(derCertificate));
    }

    /** Whether the DER-encoded certificate hashes to this fingerprint, compared in constant time. */
    public boolean matches(byte[] derCertificate) {
        if (derCertificate == null || derCertificate.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(digest, algorithm.digest(derCertificate));
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** Upper-case hex pairs joined by ':', as SDP writes them. */
    public String hexDigest() {
        StringBuilder text = new StringBuilder(digest.length * 3);
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xF, 16)));
            text.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xF, 16)));
        }
        return text.toString();
    }

    /** The value for an SDP {@code a=fingerprint:} line. */
    public String toSdpValue() {
        return algorithm.sdpName + " " + hexDigest();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that
                && algorithm == that.algorithm
                && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    private static byte[] parseHexPairs(String text, Algorithm algorithm) {
        int expectedLength = algorithm.digestLength * 3 - 1;
        if (text.length() != expectedLength) {
            throw new InvalidFingerprintException("a " + algorithm.sdpName + " fingerprint has "
                    + algorithm.digestLength + " hex pairs separated by ':'");
        }
        byte[] digest = new byte[algorithm.digestLength];
        for (int i = 0; i < digest.length; i++) {
            int at = i * 3;
            if (i > 0 && text.charAt(at - 1) != ':') {
                throw new InvalidFingerprintException("fingerprint hex pairs must be separated by ':'");
            }
            int high = hexValue(text.charAt(at));
            int low = hexValue(text.charAt(at + 1));
            digest[i] = (byte) ((high << 4) | low);
        }
        return digest;
    }

    private static int hexValue(char c) {
        int value = Character.digit(c, 16);
        // Character.digit also accepts non-ASCII digits (e.g. fullwidth); SDP is ASCII only.
        if (value < 0 || c > 'f') {
            throw new InvalidFingerprintException("fingerprint digest must be hexadecimal");
        }
        return value;
    }
}

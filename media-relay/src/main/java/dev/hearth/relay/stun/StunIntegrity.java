package dev.hearth.relay.stun;

import dev.hearth.relay.wire.Wire;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two STUN checksums: MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 section 14.5) and FINGERPRINT (CRC-32 xor
 * 0x5354554e, section 14.7). One instance per thread: the Mac and CRC are reused rather than allocated per message.
 */
final class StunIntegrity {
    static final int HMAC_LENGTH = 20;
    static final long FINGERPRINT_XOR = 0x5354554EL;

    private final CRC32 crc = new CRC32();
    private final byte[] lengthField = new byte[2];
    private Mac mac;
    private byte[] lastKey;

    /**
     * HMAC-SHA1 over {@code [start, integrityAttribute)} with the header length replaced so that the message appears
     * to end right after the MESSAGE-INTEGRITY attribute. Returns false when the key is unusable.
     */
    boolean hmac(byte[] key, byte[] a, int start, int integrityAttribute, byte[] out, int outOff) {
        if (key == null || key.length == 0) {
            return false;
        }
        try {
            Mac m = macFor(key);
            Wire.put16(lengthField, 0, integrityAttribute + 4 + HMAC_LENGTH - start - StunMessages.HEADER_LENGTH);
            m.update(a, start, 2);
            m.update(lengthField, 0, 2);
            m.update(a, start + 4, integrityAttribute - start - 4);
            m.doFinal(out, outOff);
            return true;
        } catch (InvalidKeyException | ShortBufferException e) {
            return false;
        }
    }

    long fingerprint(byte[] a, int start, int fingerprintAttribute) {
        crc.reset();
        crc.update(a, start, fingerprintAttribute - start);
        return (crc.getValue() ^ FINGERPRINT_XOR) & 0xFFFF_FFFFL;
    }

    private Mac macFor(byte[] key) throws InvalidKeyException {
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA1");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
            }
        }
        // ICE keeps one password per transport, so re-keying only when the key changes saves most inits.
        if (lastKey == null || !Arrays.equals(lastKey, key)) {
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            lastKey = key.clone();
        } else {
            mac.reset();
        }
        return mac;
    }
}

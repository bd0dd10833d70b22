package dev.hearth.relay.dtls;

import java.util.Arrays;

/**
 * What a successful DTLS-SRTP handshake yields: the negotiated SRTP protection profile (its RFC 5764/7714 id)
 * and the raw output of the "EXTRACTOR-dtls_srtp" exporter, laid out as RFC 5764 section 4.2 says:
 * client key, server key, client salt, server salt. The relay is the DTLS server, so the client half protects
 * what the browser sends and the server half protects what the relay sends.
 *
 * <p>The keying material is secret: {@link #toString()} never shows it, and accessors hand out copies so a
 * caller cannot corrupt the session's copy.
 */
public record DtlsResult(int srtpProfileId, byte[] keyingMaterial) {

    public DtlsResult {
        DtlsSrtpProfile profile = DtlsSrtpProfile.fromId(srtpProfileId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unsupported SRTP protection profile 0x" + Integer.toHexString(srtpProfileId)));
        if (keyingMaterial == null || keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("profile " + profile + " needs " + profile.keyingMaterialLength()
                    + " bytes of keying material");
        }
        keyingMaterial = keyingMaterial.clone();
    }

    public DtlsSrtpProfile profile() {
        return DtlsSrtpProfile.fromId(srtpProfileId).orElseThrow();
    }

    @Override
    public byte[] keyingMaterial() {
        return keyingMaterial.clone();
    }

    public byte[] clientMasterKey() {
        int keyLength = profile().masterKeyLength();
        return Arrays.copyOfRange(keyingMaterial, 0, keyLength);
    }

    public byte[] serverMasterKey() {
        int keyLength = profile().masterKeyLength();
        return Arrays.copyOfRange(keyingMaterial, keyLength, 2 * keyLength);
    }

    public byte[] clientMasterSalt() {
        DtlsSrtpProfile profile = profile();
        int start = 2 * profile.masterKeyLength();
        return Arrays.copyOfRange(keyingMaterial, start, start + profile.masterSaltLength());
    }

    public byte[] serverMasterSalt() {
        DtlsSrtpProfile profile = profile();
        int start = 2 * profile.masterKeyLength() + profile.masterSaltLength();
        return Arrays.copyOfRange(keyingMaterial, start, start + profile.masterSaltLength());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsResult that
                && srtpProfileId == that.srtpProfileId
                && java.security.MessageDigest.isEqual(keyingMaterial, that.keyingMaterial);
    }

    @Override
    public int hashCode() {
        // Deliberately independent of the key bytes: a hash of secret material is itself a leak.
        return Integer.hashCode(srtpProfileId);
    }

    @Override
    public String toString() {
        return "DtlsResult[srtpProfile=" + profile() + ", keyingMaterial=<" + keyingMaterial.length
                + " bytes redacted>]";
    }
}

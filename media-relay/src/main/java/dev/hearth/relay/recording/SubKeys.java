package dev.hearth.relay.recording;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Keys derived from a recording's data key (HKDF-SHA256, RFC 5869) for data kept outside the recording. The data
 * key itself only ever encrypts chunks; each use gets its own subkey, bound to the purpose and the recording id, so
 * a subkey reveals neither the data key nor another recording's subkey, and shredding the data key takes every
 * subkey with it.
 */
final class SubKeys {
    /** The catalog's participant names (signaling's recordings catalog). */
    static final String CATALOG = "hearth-catalog-names/1";
    static final int KEY_BYTES = 32;

    private SubKeys() {
    }

    static byte[] derive(byte[] dataKey, String purpose, String recordingId) {
        byte[] info = (purpose + "\0" + recordingId).getBytes(StandardCharsets.UTF_8);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(dataKey, null, info));
        byte[] key = new byte[KEY_BYTES];
        hkdf.generateBytes(key, 0, KEY_BYTES);
        return key;
    }
}

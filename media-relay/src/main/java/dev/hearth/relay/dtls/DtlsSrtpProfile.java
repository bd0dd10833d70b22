package dev.hearth.relay.dtls;

import java.util.Optional;

/**
 * The SRTP protection profiles the relay negotiates in the DTLS {@code use_srtp} extension, in order of
 * preference. Ids are the registry values of RFC 5764 section 4.1.2 and RFC 7714 section 14.2; key and
 * salt lengths are the master key and master salt sizes each profile prescribes.
 */
public enum DtlsSrtpProfile {

    /** RFC 7714: AEAD_AES_128_GCM, preferred because one AES-GCM pass both encrypts and authenticates. */
    AEAD_AES_128_GCM(0x0007, 16, 12),

    /** RFC 5764: AES_CM_128_HMAC_SHA1_80, the profile every WebRTC endpoint must support. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

    private final int id;
    private final int masterKeyLength;
    private final int masterSaltLength;

    DtlsSrtpProfile(int id, int masterKeyLength, int masterSaltLength) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
    }

    public int id() {
        return id;
    }

    public int masterKeyLength() {
        return masterKeyLength;
    }

    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** RFC 5764 section 4.2: a key and a salt for each direction. */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    public static Optional<DtlsSrtpProfile> fromId(int id) {
        for (DtlsSrtpProfile profile : values()) {
            if (profile.id == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** The most preferred of our profiles that the client offered, whatever order the client listed them in. */
    public static Optional<DtlsSrtpProfile> choose(int[] offeredIds) {
        if (offeredIds == null) {
            return Optional.empty();
        }
        for (DtlsSrtpProfile profile : values()) {
            for (int offered : offeredIds) {
                if (offered == profile.id) {
                    return Optional.of(profile);
                }
            }
        }
        return Optional.empty();
    }
}

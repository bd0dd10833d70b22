package dev.hearth.relay.dtls;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SRTP protection profiles the relay negotiates in the DTLS {@code use_srtp} extension, in the default order of
 * preference (the operator may set another, {@link DtlsConfig#srtpProfiles()}). Ids are the registry values of
 * RFC 5764 section 4.1.2 and RFC 7714 section 14.2; key and salt lengths are the master key and master salt sizes
 * each profile prescribes.
 */
public enum DtlsSrtpProfile {

    /** RFC 7714: AEAD_AES_128_GCM, preferred because one AES-GCM pass both encrypts and authenticates. */
    AEAD_AES_128_GCM(0x0007, 16, 12, "aead_aes_128_gcm"),

    /** RFC 5764: AES_CM_128_HMAC_SHA1_80, the profile every WebRTC endpoint must support. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, "aes_cm_128_hmac_sha1_80");

    /** Every profile, in the default order. */
    public static final List<DtlsSrtpProfile> DEFAULT_ORDER = List.of(values());

    private final int id;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final String settingName;

    DtlsSrtpProfile(int id, int masterKeyLength, int masterSaltLength, String settingName) {
        this.id = id;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.settingName = settingName;
    }

    /** How operators name the profile: its SRTP transform's name (RFC 5764, RFC 7714), lower case. */
    public String settingName() {
        return settingName;
    }

    /** The IANA name of the profile, which browsers report as {@code srtpCipher} in getStats. */
    public String ianaName() {
        return "SRTP_" + name();
    }

    /**
     * The profile an operator named, case-insensitively, by {@link #settingName()} or by {@link #ianaName()} as
     * copied from a browser's WebRTC statistics; empty for anything else.
     */
    public static Optional<DtlsSrtpProfile> fromSettingName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DtlsSrtpProfile profile : values()) {
            if (profile.settingName.equals(wanted) || profile.ianaName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
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

    /** {@link #choose(int[], List)} in the default order. */
    public static Optional<DtlsSrtpProfile> choose(int[] offeredIds) {
        return choose(offeredIds, DEFAULT_ORDER);
    }

    /**
     * The first of {@code preference} that the client offered, whatever order the client listed them in (RFC 5764
     * section 4.1.1 leaves the choice to the server); profiles missing from {@code preference} are never chosen.
     */
    public static Optional<DtlsSrtpProfile> choose(int[] offeredIds, List<DtlsSrtpProfile> preference) {
        if (offeredIds == null) {
            return Optional.empty();
        }
        for (DtlsSrtpProfile profile : preference) {
            for (int offered : offeredIds) {
                if (offered == profile.id) {
                    return Optional.of(profile);
                }
            }
        }
        return Optional.empty();
    }
}

package dev.hearth.relay.srtp;

/** Derives the session keys of one direction and builds the profile's transform from them. */
final class PacketCiphers {

    private PacketCiphers() {
    }

    static PacketCipher create(SrtpProfile profile, SrtpMasterKey master) {
        if (profile == null || master == null) {
            throw new IllegalArgumentException("profile and master key are required");
        }
        SessionKeys rtp = SrtpKeyDerivation.rtp(profile, master);
        SessionKeys rtcp = SrtpKeyDerivation.rtcp(profile, master);
        try {
            return switch (profile) {
                case AEAD_AES_128_GCM -> new AesGcmCipher(rtp, rtcp);
                case AES128_CM_HMAC_SHA1_80 -> new AesCmHmacSha1Cipher(rtp, rtcp);
            };
        } finally {
            rtp.destroy();
            rtcp.destroy();
        }
    }
}

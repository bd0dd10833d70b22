package dev.hearth.relay.srtp;

import java.util.Arrays;

/**
 * The SRTP master keys of one DTLS session, split from the DTLS exporter output as RFC 5764 §4.2 lays it out:
 * {@code client_write_key | server_write_key | client_write_salt | server_write_salt}.
 *
 * <p>The relay is the DTLS server, so it sends with the server half and receives with the client half
 * ({@link #forServer}); {@link #forClient} is the mirror, used by tests that play the browser.
 *
 * <p>The factories copy what they need; the caller still owns the exporter output and should overwrite it.
 */
public final class SrtpKeyMaterial {

    /** The TLS exporter label for DTLS-SRTP keys (RFC 5764 §4.2); used with no context value. */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    private final SrtpProfile profile;
    private final SrtpMasterKey local;
    private final SrtpMasterKey remote;

    private SrtpKeyMaterial(SrtpProfile profile, SrtpMasterKey local, SrtpMasterKey remote) {
        this.profile = profile;
        this.local = local;
        this.remote = remote;
    }

    /** Key material as seen by the DTLS server: send with the server keys, receive with the client keys. */
    public static SrtpKeyMaterial forServer(SrtpProfile profile, byte[] exported) {
        return split(profile, exported, true);
    }

    /** Key material as seen by the DTLS client: send with the client keys, receive with the server keys. */
    public static SrtpKeyMaterial forClient(SrtpProfile profile, byte[] exported) {
        return split(profile, exported, false);
    }

    private static SrtpKeyMaterial split(SrtpProfile profile, byte[] exported, boolean server) {
        if (profile == null || exported == null) {
            throw new IllegalArgumentException("profile and exporter output are required");
        }
        if (exported.length != profile.exporterLength()) {
            throw new IllegalArgumentException("DTLS-SRTP exporter output is " + exported.length
                    + " bytes, " + profile + " needs " + profile.exporterLength());
        }
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        byte[] clientKey = Arrays.copyOfRange(exported, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(exported, keyLength, 2 * keyLength);
        byte[] clientSalt = Arrays.copyOfRange(exported, 2 * keyLength, 2 * keyLength + saltLength);
        byte[] serverSalt = Arrays.copyOfRange(exported, 2 * keyLength + saltLength, 2 * (keyLength + saltLength));
        SrtpMasterKey client = new SrtpMasterKey(clientKey, clientSalt);
        SrtpMasterKey serverKeys = new SrtpMasterKey(serverKey, serverSalt);
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(serverKey, (byte) 0);
        Arrays.fill(clientSalt, (byte) 0);
        Arrays.fill(serverSalt, (byte) 0);
        return server
                ? new SrtpKeyMaterial(profile, serverKeys, client)
                : new SrtpKeyMaterial(profile, client, serverKeys);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** The master key this side sends with. */
    public SrtpMasterKey local() {
        return local;
    }

    /** The master key the peer sends with, which this side receives with. */
    public SrtpMasterKey remote() {
        return remote;
    }

    public SrtpSendContext newSendContext() {
        return new SrtpSendContext(profile, local);
    }

    public SrtpReceiveContext newReceiveContext() {
        return new SrtpReceiveContext(profile, remote);
    }

    /** Overwrites the master keys held here once both contexts exist; the contexts keep their own keys. */
    public void destroy() {
        local.destroy();
        remote.destroy();
    }

    @Override
    public String toString() {
        return "SrtpKeyMaterial[" + profile + "]";
    }
}

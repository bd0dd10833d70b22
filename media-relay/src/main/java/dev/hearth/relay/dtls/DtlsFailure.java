package dev.hearth.relay.dtls;

/** Why a DTLS-SRTP handshake did not produce keys. Codes are stable: logs and metrics may key on them. */
public enum DtlsFailure {
    HANDSHAKE_TIMEOUT("dtls-handshake-timeout"),
    FINGERPRINT_MISMATCH("dtls-fingerprint-mismatch"),
    CLIENT_CERTIFICATE_MISSING("dtls-client-certificate-missing"),
    NO_SRTP_PROFILE("dtls-no-srtp-profile"),
    PEER_ALERT("dtls-peer-alert"),
    PROTOCOL_ERROR("dtls-protocol-error"),
    CLOSED("dtls-closed"),
    BUSY("dtls-busy");

    private final String code;

    DtlsFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

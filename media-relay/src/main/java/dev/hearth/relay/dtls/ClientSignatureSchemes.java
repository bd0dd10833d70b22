package dev.hearth.relay.dtls;

import java.util.Vector;

import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The signature schemes the relay lists in its CertificateRequest, i.e. what a browser may sign its
 * CertificateVerify with. A client picks from this list, so listing a scheme the relay cannot verify fails the
 * handshake with internal_error (BoringSSL signs RSA-PSS whenever it is listed). The list is what WebRTC
 * certificates use (ECDSA, RSA with PSS or PKCS#1 v1.5, SHA-2 only) and is cut to what the crypto supports.
 */
final class ClientSignatureSchemes {

    // Preference order; ClientCertificateKindsTest handshakes with a client signing each one.
    private static final int[] WEBRTC_SCHEMES = {
        SignatureScheme.ecdsa_secp256r1_sha256,
        SignatureScheme.ecdsa_secp384r1_sha384,
        SignatureScheme.ecdsa_secp521r1_sha512,
        SignatureScheme.rsa_pss_rsae_sha256,
        SignatureScheme.rsa_pss_rsae_sha384,
        SignatureScheme.rsa_pss_rsae_sha512,
        SignatureScheme.rsa_pkcs1_sha256,
        SignatureScheme.rsa_pkcs1_sha384,
        SignatureScheme.rsa_pkcs1_sha512,
    };

    private ClientSignatureSchemes() {
    }

    /** A new vector each call: BouncyCastle keeps the one it is given in the handshake's state. */
    static Vector<SignatureAndHashAlgorithm> verifiableBy(TlsCrypto crypto) {
        Vector<SignatureAndHashAlgorithm> schemes = new Vector<>(WEBRTC_SCHEMES.length);
        for (int scheme : WEBRTC_SCHEMES) {
            if (crypto.hasSignatureScheme(scheme)) {
                schemes.add(SignatureScheme.getSignatureAndHashAlgorithm(scheme));
            }
        }
        return schemes;
    }
}

package dev.hearth.signaling.care;

import dev.hearth.signaling.audit.Ed25519Key;
import dev.hearth.signaling.audit.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An incident as a signed, self-contained document (format {@value #FORMAT}): {@code document} is the incident as
 * JSON text, {@code signature} the Ed25519 signature of exactly its UTF-8 bytes under the incident signing key
 * ({@code <dataDir>/incident-signing.pub}). Whoever receives it checks the signature over the text as it stands,
 * so nothing needs re-encoding; the text parses as JSON for printing or PDF rendering.
 */
public final class IncidentExport {

    public static final String FORMAT = "hearth-incident-v1";

    private IncidentExport() {
    }

    public static Map<String, Object> sign(Map<String, Object> incident, Ed25519Key key) {
        String document = StrictJson.write(incident);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", FORMAT);
        export.put("document", document);
        export.put("publicKey", key.publicKeyBase64());
        export.put("signature", Base64.getEncoder().encodeToString(key.sign(document.getBytes(StandardCharsets.UTF_8))));
        return export;
    }

    /** Whether {@code signature} (base64) signs {@code document} under {@code publicKey} (base64). */
    public static boolean verify(String document, String publicKey, String signature) {
        try {
            return Ed25519Key.verify(Base64.getDecoder().decode(publicKey), document.getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

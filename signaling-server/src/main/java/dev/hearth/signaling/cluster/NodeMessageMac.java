package dev.hearth.signaling.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a node message's sender, timestamp, nonce, channel and payload under a key derived from
 * {@code HEARTH_NODE_SECRET}. Each field is length-prefixed, so no two different messages share the signed bytes
 * (moving characters from the payload into the channel changes the MAC). Whoever can write to Redis but does not
 * know the secret cannot make a node act.
 */
final class NodeMessageMac {

    /** Keeps this key apart from anything else that might one day be derived from the same secret. */
    private static final byte[] PURPOSE = "hearth node bus v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    NodeMessageMac(byte[] nodeSecret) {
        if (nodeSecret.length == 0) {
            throw new IllegalArgumentException("the node secret is empty");
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(nodeSecret, "HmacSHA256"), PURPOSE), "HmacSHA256");
    }

    /** base64url, unpadded. */
    String sign(String sender, long timestampMillis, String nonce, String channel, String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac(key, signedBytes(sender, timestampMillis, nonce, channel, payload)));
    }

    /** Constant-time comparison; a MAC that is not even base64url is simply wrong. */
    boolean verify(String sender, long timestampMillis, String nonce, String channel, String payload, String mac) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(key, signedBytes(sender, timestampMillis, nonce, channel, payload)));
    }

    private static byte[] signedBytes(String sender, long timestampMillis, String nonce, String channel,
                                      String payload) {
        byte[][] fields = {sender.getBytes(StandardCharsets.UTF_8),
                Long.toString(timestampMillis).getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8), channel.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8)};
        int size = 0;
        for (byte[] field : fields) {
            size += 4 + field.length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size);
        for (byte[] field : fields) {
            bytes.putInt(field.length).put(field);
        }
        return bytes.array();
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}

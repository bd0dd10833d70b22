package dev.hearth.signaling.invite;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Room-bound, expiring invite links: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}.
 * The payload is {@code "1\n" roomId "\n" expiryEpochSeconds "\n" inviteId}; nothing in it is secret,
 * only unforgeable. The MAC is checked (in constant time) before any of the payload is believed.
 */
public final class InviteTokens {

    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    public static final Duration MAX_TTL = Duration.ofDays(365);
    public static final int MIN_KEY_BYTES = 32;

    private static final String VERSION = "1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final int MAX_ROOM_ID_LENGTH = 128;
    /** Far above any token we issue; longer input is refused before any decoding work. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public InviteTokens(byte[] key, Clock clock) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the invite key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
    }

    public String issue(String roomId) {
        return issue(roomId, DEFAULT_TTL);
    }

    public String issue(String roomId, Duration ttl) {
        if (roomId == null || roomId.isEmpty() || roomId.length() > MAX_ROOM_ID_LENGTH
                || roomId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("room id must be 1 to " + MAX_ROOM_ID_LENGTH + " printable characters");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("invite lifetime must be positive and at most " + MAX_TTL.toDays() + " days");
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        byte[] id = new byte[12];
        random.nextBytes(id);
        String payload = VERSION + "\n" + roomId + "\n" + expiry + "\n" + ENCODER.encodeToString(id);
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(mac(payloadBytes));
    }

    /** The claims of a genuine, unexpired token; anything else is an {@link InviteException}. */
    public InviteClaims verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw InviteException.invalid();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw InviteException.invalid();
        }
        byte[] payload = decode(token.substring(0, dot));
        byte[] mac = decode(token.substring(dot + 1));
        if (mac.length != MAC_BYTES || !MessageDigest.isEqual(mac(payload), mac)) {
            throw InviteException.invalid();
        }
        InviteClaims claims = parse(new String(payload, StandardCharsets.UTF_8));
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw InviteException.expired();
        }
        return claims;
    }

    private static InviteClaims parse(String payload) {
        // Only our own key signs payloads, so a malformed one means a key mix-up: still just "invalid".
        String[] parts = payload.split("\n", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw InviteException.invalid();
        }
        try {
            return new InviteClaims(parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])), parts[3]);
        } catch (RuntimeException e) {
            throw InviteException.invalid();
        }
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw InviteException.invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            // A Mac instance is not thread-safe; creating one per call is cheap next to a page load.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}

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
 * The payload is {@code "2\n" roomId "\n" expiryEpochSeconds "\n" inviteId "\n" generation}; nothing in it is
 * secret, only unforgeable. The MAC is checked (in constant time) before any of the payload is believed; then the
 * {@link InviteRegistry} is asked whether the invite was revoked or the room's link rotated since. Version 1 tokens
 * (without a generation) count as generation 0, so links shared before rotation existed still work until then.
 */
public final class InviteTokens {

    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    public static final Duration MAX_TTL = Duration.ofDays(365);
    public static final int MIN_KEY_BYTES = 32;

    private static final String VERSION = "2";
    private static final String VERSION_WITHOUT_GENERATION = "1";
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
    private final InviteRegistry registry;

    /** Tokens whose revocations and rotations are kept in memory only. */
    public InviteTokens(byte[] key, Clock clock) {
        this(key, clock, FileInviteRegistry.inMemory(clock));
    }

    public InviteTokens(byte[] key, Clock clock, InviteRegistry registry) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the invite key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
    }

    public String issue(String roomId) {
        return issue(roomId, DEFAULT_TTL);
    }

    public String issue(String roomId, Duration ttl) {
        return issueInvite(roomId, ttl).token();
    }

    /** Issues and remembers an invite of the room's current generation. */
    public IssuedInvite issueInvite(String roomId, Duration ttl) {
        if (roomId == null || roomId.isEmpty() || roomId.length() > MAX_ROOM_ID_LENGTH
                || roomId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("room id must be 1 to " + MAX_ROOM_ID_LENGTH + " printable characters");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("invite lifetime must be positive and at most " + MAX_TTL.toDays() + " days");
        }
        Instant now = clock.instant();
        long expiry = now.plus(ttl).getEpochSecond();
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = ENCODER.encodeToString(idBytes);
        long generation = registry.generation(roomId);
        String payload = VERSION + "\n" + roomId + "\n" + expiry + "\n" + id + "\n" + generation;
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        String token = ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(mac(payloadBytes));
        IssuedInvite invite = new IssuedInvite(id, roomId, generation, token, now, Instant.ofEpochSecond(expiry),
                java.util.Optional.empty());
        registry.recordIssued(invite);
        return invite;
    }

    /**
     * The room's standing link, the one its card shows and the group shares: its oldest working invite (so an
     * invite made later for one person never takes its place), or a new one of the default lifetime when none
     * works any more (after a rotation, say).
     */
    public IssuedInvite current(String roomId) {
        Instant now = clock.instant();
        long generation = registry.generation(roomId);
        return registry.issuedFor(roomId, now).stream()
                .filter(invite -> invite.isLive(now, generation))
                .min(java.util.Comparator.comparing(IssuedInvite::createdAt))
                .orElseGet(() -> issueInvite(roomId, DEFAULT_TTL));
    }

    /** The room's invites that have not expired, newest first, revoked ones included. */
    public java.util.List<IssuedInvite> list(String roomId) {
        return registry.issuedFor(roomId, clock.instant());
    }

    /** Revokes one invite of the room; false when the room has no such invite (another room's, say). */
    public boolean revoke(String roomId, String inviteId) {
        return registry.revoke(roomId, inviteId, clock.instant());
    }

    /** Every invite of the room stops working; returns a fresh one of the default lifetime to share. */
    public IssuedInvite rotate(String roomId) {
        registry.rotate(roomId);
        return issueInvite(roomId, DEFAULT_TTL);
    }

    /** For a deleted room: its invites are refused from now on because the room is gone. */
    public void forget(String roomId) {
        registry.forgetRoom(roomId);
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
        if (registry.isRevoked(claims.inviteId()) || claims.generation() < registry.generation(claims.roomId())) {
            throw InviteException.revoked();
        }
        return claims;
    }

    private static InviteClaims parse(String payload) {
        // Only our own key signs payloads, so a malformed one means a key mix-up: still just "invalid".
        String[] parts = payload.split("\n", -1);
        boolean withGeneration = parts.length == 5 && VERSION.equals(parts[0]);
        boolean withoutGeneration = parts.length == 4 && VERSION_WITHOUT_GENERATION.equals(parts[0]);
        if (!withGeneration && !withoutGeneration || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw InviteException.invalid();
        }
        try {
            long generation = withGeneration ? Long.parseLong(parts[4]) : 0;
            if (generation < 0) {
                throw InviteException.invalid();
            }
            return new InviteClaims(parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])), parts[3], generation);
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

package dev.hearth.signaling.turn;

import dev.hearth.signaling.identity.ParticipantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the form coturn checks with {@code use-auth-secret} (the "TURN REST API" of
 * draft-uberti-behave-turn-rest): the username is {@code <expiry in Unix seconds>:<participant id>} and the
 * password is base64(HMAC-SHA1(shared secret, username)). coturn needs no call back to Hearth, and a leaked
 * credential is worth a relay allocation for one participant until it expires, nothing more.
 *
 * <p>The participant id is random per admission (it identifies no one outside the session), so coturn's logs
 * carry no name or address of Hearth's.
 */
public final class TurnCredentials {

    /** One entry of an RTCConfiguration's {@code iceServers}, plus when its credential stops working. */
    public record IceServer(List<String> urls, String username, String credential, Instant expiresAt) {
        public IceServer {
            urls = List.copyOf(urls);
        }

        @Override
        public String toString() {
            return "IceServer[urls=" + urls + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final String HMAC = "HmacSHA1";

    private final List<String> urls;
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public TurnCredentials(List<String> urls, byte[] secret, Duration ttl, Clock clock) {
        if (urls.isEmpty() || secret.length == 0) {
            throw new IllegalArgumentException("TURN needs at least one URL and a secret");
        }
        this.urls = List.copyOf(urls);
        this.key = new SecretKeySpec(secret, HMAC);
        this.ttl = ttl;
        this.clock = clock;
    }

    private TurnCredentials() {
        this.urls = List.of();
        this.key = null;
        this.ttl = Duration.ZERO;
        this.clock = null;
    }

    /** No TURN server configured: participants get no ICE servers and connect to the relay directly. */
    public static TurnCredentials none() {
        return new TurnCredentials();
    }

    /** The {@code iceServers} for {@code participant}: fresh credentials, or none without a TURN server. */
    public List<IceServer> iceServersFor(ParticipantId participant) {
        return key == null ? List.of() : List.of(issue(participant));
    }

    private IceServer issue(ParticipantId participant) {
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String username = expiresAt.getEpochSecond() + ":" + participant.value();
        return new IceServer(urls, username, password(username), expiresAt);
    }

    private String password(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
        }
    }
}

package dev.hearth.signaling.room;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who was removed in the current session, remembered only as keyed hashes (HMAC-SHA256 under a random key of
 * this session) of their seat and client address: enough to recognise them when they knock again, useless for
 * anything else, and gone with the session. A removed seat is refused; a removed address is only pointed out to
 * the facilitator, since a household or a clinic's network may share one address.
 */
final class RemovalMemory {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hashed identifiers of one knock. */
    record Marks(String seat, Optional<String> address) {
    }

    private final SecretKeySpec key;
    private final Set<String> seats = new HashSet<>();
    private final Set<String> addresses = new HashSet<>();

    RemovalMemory() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private RemovalMemory(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("a removal memory's key has 32 bytes");
        }
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The memory as {@link #snapshot()} saw it: the same key, so seats and addresses hash as before. */
    static RemovalMemory restore(RoomSnapshot.Removals snapshot) {
        RemovalMemory memory = new RemovalMemory(Base64.getDecoder().decode(snapshot.key()));
        memory.seats.addAll(snapshot.seats());
        memory.addresses.addAll(snapshot.addresses());
        return memory;
    }

    RoomSnapshot.Removals snapshot() {
        return new RoomSnapshot.Removals(Base64.getEncoder().encodeToString(key.getEncoded()),
                seats.stream().sorted().toList(), addresses.stream().sorted().toList());
    }

    static RoomSnapshot.Marks snapshot(Marks marks) {
        return new RoomSnapshot.Marks(marks.seat(), marks.address());
    }

    static Marks restore(RoomSnapshot.Marks marks) {
        return new Marks(marks.seatHash(), marks.addressHash());
    }

    Marks marksOf(String seat, Optional<String> clientAddress) {
        return new Marks(hash("seat", seat), clientAddress.map(address -> hash("address", address)));
    }

    void remember(Marks marks) {
        seats.add(marks.seat());
        marks.address().ifPresent(addresses::add);
    }

    boolean removedSeat(Marks marks) {
        return seats.contains(marks.seat());
    }

    boolean removedAddress(Marks marks) {
        return marks.address().filter(addresses::contains).isPresent();
    }

    private String hash(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The kind keeps a seat that happens to spell an address from matching it.
            mac.update((kind + ':').getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

package dev.hearth.signaling.room;

import dev.hearth.signaling.identity.FirstName;
import dev.hearth.signaling.identity.RandomIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The group's members across sessions, by first name and device seat (issue 13 §4). A seat is kept only as an
 * HMAC-SHA256 under this roster's random key: enough to recognise the browser again, useless for anything else.
 * A member marked as having left the group keeps their line (so the facilitator sees it) and their seat is refused
 * for good. Owned by its {@link Room}; not thread-safe.
 */
final class Roster {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /** By seat hash, in the order people first came in. */
    private final Map<String, Member> members = new LinkedHashMap<>();

    private static final class Member {
        final String id;
        final String seatHash;
        FirstName name;
        final Instant since;
        boolean departed;
        /** Ids of the invites this seat came in with. */
        final Set<String> invites = new LinkedHashSet<>();

        Member(String id, String seatHash, FirstName name, Instant since) {
            this.id = id;
            this.seatHash = seatHash;
            this.name = name;
            this.since = since;
        }

        RosterEntry entry() {
            return new RosterEntry(id, name.value(), since, departed);
        }
    }

    Roster() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private Roster(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("a roster's key has 32 bytes");
        }
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The roster as {@link #snapshot()} saw it: the same key, so a returning seat is recognised. */
    static Roster restore(RoomSnapshot.RosterState snapshot) {
        Roster roster = new Roster(Base64.getDecoder().decode(snapshot.key()));
        for (RoomSnapshot.RosterMember line : snapshot.members()) {
            Member member = new Member(line.id(), line.seatHash(), line.firstName(), line.since());
            member.departed = line.departed();
            member.invites.addAll(line.invites());
            if (roster.members.put(line.seatHash(), member) != null) {
                throw new IllegalArgumentException("a roster holds each seat once");
            }
        }
        return roster;
    }

    RoomSnapshot.RosterState snapshot() {
        List<RoomSnapshot.RosterMember> lines = new ArrayList<>();
        for (Member m : members.values()) {
            lines.add(new RoomSnapshot.RosterMember(m.id, m.seatHash, m.name, m.since, m.departed, List.copyOf(m.invites)));
        }
        return new RoomSnapshot.RosterState(Base64.getEncoder().encodeToString(key.getEncoded()), lines);
    }

    /** The seat's member id, enlisting them on their first admission; a returning seat keeps its line. */
    String enlist(String seat, FirstName name, Instant at, Optional<String> inviteId) {
        String hash = hash(seat);
        Member member = members.computeIfAbsent(hash, h -> new Member("m-" + RandomIds.base32(16), h, name, at));
        inviteId.ifPresent(member.invites::add);
        return member.id;
    }

    /**
     * The invites member {@code id} came in with that nobody else still in the group used: withdrawing those
     * locks the member out on any device without cutting off the others (a link the whole group shares stays,
     * and only rotating it would end it).
     */
    Set<String> invitesOnlyOf(String id) {
        Set<String> own = new LinkedHashSet<>();
        members.values().stream().filter(m -> m.id.equals(id)).forEach(m -> own.addAll(m.invites));
        members.values().stream().filter(m -> !m.id.equals(id) && !m.departed).forEach(m -> own.removeAll(m.invites));
        return own;
    }

    boolean departedSeat(String seat) {
        Member member = members.get(hash(seat));
        return member != null && member.departed;
    }

    /** Marks the member as having left; returns false when there is no such member. */
    Optional<RosterEntry> markDeparted(String id) {
        for (Member member : members.values()) {
            if (member.id.equals(id)) {
                member.departed = true;
                return Optional.of(member.entry());
            }
        }
        return Optional.empty();
    }

    List<RosterEntry> entries() {
        List<RosterEntry> entries = new ArrayList<>();
        members.values().forEach(m -> entries.add(m.entry()));
        return entries;
    }

    private String hash(String seat) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(seat.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

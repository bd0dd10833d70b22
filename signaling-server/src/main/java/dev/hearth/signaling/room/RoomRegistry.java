package dev.hearth.signaling.room;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rooms of this server, in memory. Thread-safe: creating and finding rooms may happen from any thread.
 * The rooms themselves are not: each is changed and read in its own turn; see {@link Room}.
 */
public final class RoomRegistry {

    private final ConcurrentMap<RoomId, Room> rooms = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int lobbyCapacity;

    public RoomRegistry(Clock clock) {
        this(clock, Room.DEFAULT_LOBBY_CAPACITY);
    }

    /** {@code lobbyCapacity}: how many may wait in each room's lobby at once. */
    public RoomRegistry(Clock clock, int lobbyCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lobbyCapacity = lobbyCapacity;
    }

    /** A new room with a fresh random id, using the default agreement unless a text is given. */
    public Room create(String ownerAccountId, String title, Optional<String> agreementText) {
        Agreement agreement = agreementText.map(text -> new Agreement(1, text)).orElseGet(Agreement::defaultAgreement);
        while (true) {
            Room room = new Room(RoomId.random(), ownerAccountId, title, agreement, clock, lobbyCapacity);
            // 80 random bits make a collision practically impossible; if one happens, draw again.
            if (rooms.putIfAbsent(room.id(), room) == null) {
                return room;
            }
        }
    }

    public Optional<Room> find(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    /** The rooms this account owns (no particular order). */
    public List<Room> ownedBy(String accountId) {
        return rooms.values().stream().filter(room -> room.ownerAccountId().equals(accountId)).toList();
    }

    /** The rooms this account facilitates, as owner or co-facilitator (no particular order). */
    public List<Room> facilitatedBy(String accountId) {
        return rooms.values().stream().filter(room -> room.isFacilitatorAccount(accountId)).toList();
    }

    /** Every room, for the edge's timers (no particular order). */
    public List<Room> all() {
        return List.copyOf(rooms.values());
    }

    /** Forgets a room; returns whether it existed. */
    public boolean delete(RoomId id) {
        return rooms.remove(id) != null;
    }
}

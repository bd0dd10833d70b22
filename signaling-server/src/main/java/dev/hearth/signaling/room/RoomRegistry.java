package dev.hearth.signaling.room;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rooms of this server, in memory and in its {@link RoomStore}: the registry starts with every room the store
 * kept, saves a new room at once and forgets a deleted one there too; after every other change the edge calls
 * {@link #save} in the room's turn. Thread-safe: creating and finding rooms may happen from any thread. The rooms
 * themselves are not: each is changed and read in its own turn; see {@link Room}.
 */
public final class RoomRegistry {

    private final ConcurrentMap<RoomId, Room> rooms = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int lobbyCapacity;
    private final RoomStore store;

    public RoomRegistry(Clock clock) {
        this(clock, Room.DEFAULT_LOBBY_CAPACITY);
    }

    /** {@code lobbyCapacity}: how many may wait in each room's lobby at once. Nothing outlives the process. */
    public RoomRegistry(Clock clock, int lobbyCapacity) {
        this(clock, lobbyCapacity, RoomStore.none());
    }

    /**
     * Starts with every room {@code store} kept, exactly as it was saved; the edge then tells each one that the
     * process restarted ({@link Room#afterRestart()}), in its turn, with the effects that has.
     *
     * @throws IllegalArgumentException when a kept snapshot cannot be a room (the store checks its own bytes; this is
     *         what is left, e.g. two rooms under one id)
     */
    public RoomRegistry(Clock clock, int lobbyCapacity, RoomStore store) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lobbyCapacity = lobbyCapacity;
        this.store = Objects.requireNonNull(store, "store");
        for (RoomSnapshot snapshot : store.loadAll()) {
            Room room = Room.restore(snapshot, clock, lobbyCapacity);
            if (rooms.putIfAbsent(room.id(), room) != null) {
                throw new IllegalArgumentException("the room store holds a room twice");
            }
        }
    }

    /**
     * Keeps the room's current state in the store. Call it in the room's turn, after a change and before anyone is
     * told about it, so what people were told is never newer than what a restart brings back. A room this registry
     * no longer holds (deleted while the change waited for its turn) is not saved: it must not come back.
     */
    public void save(Room room) {
        if (rooms.get(room.id()) == room) {
            store.save(room.snapshot());
        }
    }

    /** A new room with a fresh random id, using the default agreement unless a text is given. */
    public Room create(String ownerAccountId, String title, Optional<String> agreementText) {
        Agreement agreement = agreementText.map(text -> new Agreement(1, text)).orElseGet(Agreement::defaultAgreement);
        while (true) {
            Room room = new Room(RoomId.random(), ownerAccountId, title, agreement, clock, lobbyCapacity);
            // 80 random bits make a collision practically impossible; if one happens, draw again.
            if (rooms.putIfAbsent(room.id(), room) == null) {
                // Nobody else knows the room yet, so this is its turn.
                store.save(room.snapshot());
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

    /**
     * Forgets a room, in the store too; returns whether it existed. Call it in the room's turn, so no save of a change
     * before it can land after it.
     */
    public boolean delete(RoomId id) {
        boolean existed = rooms.remove(id) != null;
        store.delete(id);
        return existed;
    }
}

package dev.hearth.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

    private final RoomRegistry registry = new RoomRegistry(new MutableClock());

    @Test
    void createdRoomsCanBeFoundByIdAndOwner() {
        Room mine = registry.create("acct-1", "Tuesday group", Optional.empty());
        Room other = registry.create("acct-2", "Thursday group", Optional.of("Be kind."));
        assertTrue(mine.id().value().matches("r-[a-z2-7]{16}"));
        assertNotEquals(mine.id(), other.id());
        assertEquals(Optional.of(mine), registry.find(mine.id()));
        assertEquals(List.of(mine), registry.ownedBy("acct-1"));
        assertEquals(Agreement.defaultAgreement(), mine.agreement());
        assertEquals(new Agreement(1, "Be kind."), other.agreement());
        assertEquals(Optional.empty(), registry.find(RoomId.random()));
    }

    @Test
    void deletedRoomsAreGone() {
        Room room = registry.create("acct-1", "Tuesday group", Optional.empty());
        assertTrue(registry.delete(room.id()));
        assertFalse(registry.delete(room.id()));
        assertTrue(registry.ownedBy("acct-1").isEmpty());
    }

    /**
     * A change queued in the room's turn before its deletion may save it after the registry forgot it; the deleted
     * room must not come back at the next start.
     */
    @Test
    void aSaveAfterTheDeletionDoesNotBringTheRoomBack() {
        java.util.Map<RoomId, RoomSnapshot> kept = new java.util.concurrent.ConcurrentHashMap<>();
        RoomStore store = new RoomStore() {
            @Override
            public void save(RoomSnapshot snapshot) {
                kept.put(snapshot.id(), snapshot);
            }

            @Override
            public void delete(RoomId id) {
                kept.remove(id);
            }

            @Override
            public List<RoomSnapshot> loadAll() {
                return List.copyOf(kept.values());
            }
        };
        RoomRegistry withStore = new RoomRegistry(new MutableClock(), Room.DEFAULT_LOBBY_CAPACITY, store);
        Room room = withStore.create("acct-1", "Tuesday group", Optional.empty());
        Room other = withStore.create("acct-1", "Thursday group", Optional.empty());
        assertTrue(withStore.delete(room.id()));

        withStore.save(room);
        withStore.save(other);

        assertEquals(Set.of(other.id()), kept.keySet());
        assertEquals(List.of(other.id()), new RoomRegistry(new MutableClock(), Room.DEFAULT_LOBBY_CAPACITY, store)
                .all().stream().map(Room::id).toList());
    }

    @Test
    void concurrentCreationLosesNoRoom() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RoomId>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> registry.create("acct-1", "Group", Optional.empty()).id()));
            }
            Set<RoomId> ids = new java.util.HashSet<>();
            for (Future<RoomId> future : futures) {
                ids.add(future.get());
            }
            assertEquals(200, ids.size());
            assertEquals(ids, registry.ownedBy("acct-1").stream().map(Room::id).collect(Collectors.toSet()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRoomIdFromAClientIsNotFound() {
        RoomFixture.assertRefused("not-found", () -> new RoomId("r-../../etc"));
    }
}

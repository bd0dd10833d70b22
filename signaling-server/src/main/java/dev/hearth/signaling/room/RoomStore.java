package dev.hearth.signaling.room;

import java.util.List;

/**
 * Where rooms outlive the process (a port: the embedded implementation keeps a file per room in the data directory;
 * a cluster store would keep the same bytes under the room id). The registry calls it in the room's turn, so calls
 * for one room never overlap; calls for different rooms may.
 *
 * <p>A store that cannot keep a snapshot says so in its own log (the room id only) and does not throw: the room lives
 * on in memory, its next change is saved again, and a mute or a removal must not fail because a disk is full.
 */
public interface RoomStore {

    /** Keeps {@code snapshot} in place of the room's earlier one. */
    void save(RoomSnapshot snapshot);

    /** Forgets the room; an unknown id is no error. */
    void delete(RoomId id);

    /**
     * Every room kept, in no particular order. A room that cannot be read is left out (and set aside by the store,
     * which says so in its log), so one damaged room does not keep the others, or the server, from starting.
     */
    List<RoomSnapshot> loadAll();

    /** Keeps nothing: rooms live as long as the process (tests, and servers without a data directory). */
    static RoomStore none() {
        return new RoomStore() {
            @Override
            public void save(RoomSnapshot snapshot) {
            }

            @Override
            public void delete(RoomId id) {
            }

            @Override
            public List<RoomSnapshot> loadAll() {
                return List.of();
            }
        };
    }
}

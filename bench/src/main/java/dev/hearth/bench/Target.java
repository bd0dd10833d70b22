package dev.hearth.bench;

import dev.hearth.bench.stats.RelaySample;

import java.util.List;
import java.util.Optional;

/** A server under load: opens rooms of synthetic participants through its own signaling. */
public interface Target extends AutoCloseable {

    /** The name shown in the table. */
    String name();

    /** The server's process id, whose CPU time and memory are read from {@code /proc}. */
    long pid();

    /**
     * Opens one room in which {@code participants} synthetic participants publish and subscribe to everyone
     * else, and returns once every publish and receive transport has its SRTP keys (or throws).
     */
    List<SyntheticParticipant> openRoom(LoadContext context, int room, int participants) throws Exception;

    /** The server's own account of its relay (loop split, time in relay), when it exports one. */
    default Optional<RelaySample> relaySample() {
        return Optional.empty();
    }

    /** Ends the rooms opened so far and drops their participants. */
    void closeRooms();

    @Override
    void close();
}

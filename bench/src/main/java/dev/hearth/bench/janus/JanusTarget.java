package dev.hearth.bench.janus;

import dev.hearth.bench.LoadContext;
import dev.hearth.bench.SyntheticParticipant;
import dev.hearth.bench.Target;

import java.net.URI;
import java.util.List;

/** Janus' VideoRoom over its HTTP API (see the item 2); not wired up yet. */
public final class JanusTarget implements Target {

    private final URI base;
    private final long pid;

    public JanusTarget(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public List<SyntheticParticipant> openRoom(LoadContext context, int room, int participants) {
        throw new UnsupportedOperationException("Janus at " + base + " is not driven yet");
    }

    @Override
    public void closeRooms() {
    }

    @Override
    public void close() {
    }
}

package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the relay reports back: producers changed (renegotiate) or a transport died. Handled on a thread of
 * its own: the relay calls from its packet loop, and room turns wait for that loop (mute, removal), so the
 * loop must never be the one waiting; the room's part then runs in the room's turn.
 */
@Component
class RelayEvents implements RelayListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayEvents.class);

    private final RoomProtocol protocol;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hearth-relay-events");
        thread.setDaemon(true);
        return thread;
    });

    RelayEvents(RelayControl relay, RoomProtocol protocol) {
        this.protocol = protocol;
        relay.setListener(this);
    }

    @Override
    public void onRenegotiationNeeded(String roomId, String participantId) {
        worker.execute(() -> {
            try {
                protocol.renegotiate(roomId, participantId);
            } catch (RuntimeException e) {
                log.warn("media.renegotiate-failed room={} participant={}", roomId, participantId, e);
            }
        });
    }

    @Override
    public void onTransportClosed(String roomId, String participantId, String reason) {
        // The client notices through its own ICE state and restarts; nothing to change in the room.
        log.info("media.transport-closed room={} participant={} reason={}", roomId, participantId, reason);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

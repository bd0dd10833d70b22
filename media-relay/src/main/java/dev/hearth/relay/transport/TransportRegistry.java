package dev.hearth.relay.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which transport a STUN check is for, by the local ufrag in its USERNAME. Everything else is routed by the
 * path it arrived on ({@link PacketPath#route}), where only ICE-validated client addresses are ever bound, so a
 * lookup miss is exactly "not verified". Any loop may read it (a check arrives on whichever loop read the socket),
 * so the maps are concurrent: reads never lock, writes happen per transport and ICE restart, never per packet.
 * Which transports a loop owns is the loop's own business ({@link PacketLoop}).
 */
final class TransportRegistry {

    private final Map<String, RelayTransport> transports = new ConcurrentHashMap<>();
    private final Map<String, RelayTransport> byUfrag = new ConcurrentHashMap<>();

    void add(RelayTransport transport) {
        transports.put(transport.id(), transport);
    }

    /** Two loops drawing the same random ufrag at the same instant is far less likely than a guessed password. */
    boolean ufragTaken(String ufrag) {
        return byUfrag.containsKey(ufrag);
    }

    void registerUfrag(String ufrag, RelayTransport transport) {
        byUfrag.put(ufrag, transport);
    }

    void unregisterUfrag(String ufrag, RelayTransport transport) {
        byUfrag.remove(ufrag, transport);
    }

    RelayTransport byUfrag(String ufrag) {
        return byUfrag.get(ufrag);
    }

    /** Frees every entry of a closing transport, so nothing routes to it and it can be collected. */
    void remove(RelayTransport transport) {
        transports.remove(transport.id(), transport);
        byUfrag.values().removeIf(t -> t == transport);
    }

    int size() {
        return transports.size();
    }

    int ufragCount() {
        return byUfrag.size();
    }
}

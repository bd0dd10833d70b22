package dev.hearth.relay.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which transport a STUN check is for, by the local ufrag in its USERNAME. Everything else is routed by the
 * path it arrived on ({@link PacketPath#route}), where only ICE-validated client addresses are ever bound, so a
 * lookup miss is exactly "not verified". Plain HashMaps: confined to the packet event loop.
 */
final class TransportRegistry {

    private final Map<String, RelayTransport> transports = new LinkedHashMap<>();
    private final Map<String, RelayTransport> byUfrag = new HashMap<>();

    void add(RelayTransport transport) {
        transports.put(transport.id(), transport);
    }

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

    List<RelayTransport> all() {
        return new ArrayList<>(transports.values());
    }

    int size() {
        return transports.size();
    }

    int ufragCount() {
        return byUfrag.size();
    }
}

package dev.hearth.relay.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owns what on the shared port: STUN checks are routed by the local ufrag in their USERNAME, everything
 * else by the remote 5-tuple (the local side is the one socket). Only ICE-validated addresses are ever bound,
 * so a lookup miss is exactly "not verified". Plain HashMaps: confined to the packet event loop.
 */
final class TransportRegistry {

    private final Map<String, RelayTransport> transports = new LinkedHashMap<>();
    private final Map<String, RelayTransport> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, RelayTransport> byAddress = new HashMap<>();

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

    /** Routes an address to the transport whose check it just passed; a client port moving transports is rare. */
    void bindAddress(InetSocketAddress address, RelayTransport transport) {
        byAddress.put(address, transport);
    }

    void unbindAddress(InetSocketAddress address, RelayTransport transport) {
        byAddress.remove(address, transport);
    }

    RelayTransport byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /** Frees every entry of a closing transport, so nothing routes to it and it can be collected. */
    void remove(RelayTransport transport) {
        transports.remove(transport.id(), transport);
        byUfrag.values().removeIf(t -> t == transport);
        byAddress.values().removeIf(t -> t == transport);
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

    int addressCount() {
        return byAddress.size();
    }
}

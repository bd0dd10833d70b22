package dev.hearth.signaling.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace joined to the host by a veth pair, for peers whose ICE agent ignores loopback
 * (libnice, Firefox): inside it, the host side of the pair is an ordinary remote address. Needs root (CI runs as
 * root) and {@code ip} from iproute2. Creating it first removes whatever a killed earlier run left behind, so
 * {@link #create} and {@link #close} are both idempotent.
 */
final class NetworkNamespace implements AutoCloseable {

    private final String name;
    private final String hostInterface;
    private final String hostAddress;
    private final String namespaceAddress;

    private NetworkNamespace(String name, String hostInterface, String hostAddress, String namespaceAddress) {
        this.name = name;
        this.hostInterface = hostInterface;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /**
     * Namespace {@code name} with interface {@code <name>-n} at {@code namespaceAddress}/24, and {@code <name>-h}
     * on the host at {@code hostAddress}/24.
     */
    static NetworkNamespace create(String name, String hostAddress, String namespaceAddress) {
        NetworkNamespace namespace = new NetworkNamespace(name, name + "-h", hostAddress, namespaceAddress);
        namespace.close();
        String inside = name + "-n";
        namespace.ip("netns", "add", name);
        namespace.ip("link", "add", namespace.hostInterface, "type", "veth", "peer", "name", inside);
        namespace.ip("link", "set", inside, "netns", name);
        namespace.ip("addr", "add", hostAddress + "/24", "dev", namespace.hostInterface);
        namespace.ip("link", "set", namespace.hostInterface, "up");
        namespace.ip("-n", name, "addr", "add", namespaceAddress + "/24", "dev", inside);
        namespace.ip("-n", name, "link", "set", inside, "up");
        namespace.ip("-n", name, "link", "set", "lo", "up");
        return namespace;
    }

    String hostAddress() {
        return hostAddress;
    }

    String namespaceAddress() {
        return namespaceAddress;
    }

    /** The command line that runs {@code command} inside the namespace. */
    List<String> exec(List<String> command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(command);
        return line;
    }

    /** Removes the namespace (and with it both ends of the veth pair); nothing happens when it is not there. */
    @Override
    public void close() {
        run(false, "ip", "netns", "del", name);
        run(false, "ip", "link", "del", hostInterface);
    }

    private void ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(true, command.toArray(String[]::new));
    }

    private static void run(boolean mustSucceed, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + output + " (a network namespace needs root and iproute2)");
            }
        } catch (IOException e) {
            if (mustSucceed) {
                throw new IllegalStateException("cannot run " + String.join(" ", command) + " (iproute2 missing?)", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

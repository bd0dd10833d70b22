package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast} (RFC 8853), parsed for information only. Alternatives ({@code 1,2}) are flattened
 * into one list per direction, in the order written.
 */
public record Simulcast(List<Stream> send, List<Stream> receive) {

    /** One simulcast stream: a rid, possibly marked paused with {@code ~}. */
    public record Stream(String rid, boolean paused) {
    }

    public Simulcast {
        send = List.copyOf(send);
        receive = List.copyOf(receive);
    }

    static Simulcast parse(String value) {
        List<Stream> send = new ArrayList<>();
        List<Stream> receive = new ArrayList<>();
        String[] parts = value.strip().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            List<Stream> target = switch (parts[i]) {
                case "send" -> send;
                case "recv" -> receive;
                default -> null;
            };
            if (target == null) {
                continue;
            }
            for (String alternative : parts[i + 1].split("[;,]")) {
                boolean paused = alternative.startsWith("~");
                String rid = paused ? alternative.substring(1) : alternative;
                if (!rid.isEmpty()) {
                    target.add(new Stream(rid, paused));
                }
            }
        }
        return new Simulcast(send, receive);
    }
}

package dev.hearth.bench.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Opus packets of an Ogg Opus file (RFC 7845), what ffmpeg's {@code -c:a libopus -f ogg} writes: pages of
 * lacing values, packets spanning pages where a lacing value is 255. The two header packets (OpusHead, OpusTags)
 * are left out.
 */
public final class OggOpusReader {

    private OggOpusReader() {
    }

    public static List<byte[]> packets(Path file) throws IOException {
        byte[] a = Files.readAllBytes(file);
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int at = 0;
        while (at + 27 <= a.length) {
            if (a[at] != 'O' || a[at + 1] != 'g' || a[at + 2] != 'g' || a[at + 3] != 'S') {
                throw new IOException(file + ": lost Ogg page sync at " + at);
            }
            int segments = a[at + 26] & 0xFF;
            int body = at + 27 + segments;
            for (int i = 0; i < segments; i++) {
                int lacing = a[at + 27 + i] & 0xFF;
                if (body + lacing > a.length) {
                    throw new IOException(file + ": truncated page");
                }
                current.write(a, body, lacing);
                body += lacing;
                if (lacing < 255) {
                    packets.add(current.toByteArray());
                    current.reset();
                }
            }
            at = body;
        }
        if (packets.size() < 3 || !startsWith(packets.get(0), "OpusHead") || !startsWith(packets.get(1), "OpusTags")) {
            throw new IOException(file + " is not an Ogg Opus file");
        }
        return new ArrayList<>(packets.subList(2, packets.size()));
    }

    private static boolean startsWith(byte[] packet, String magic) {
        if (packet.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (packet[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

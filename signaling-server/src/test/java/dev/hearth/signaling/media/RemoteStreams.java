package dev.hearth.signaling.media;

import java.util.HashMap;
import java.util.Map;

/**
 * Which remote participant each SSRC of a subscribe offer belongs to. The relay announces a track per remote
 * producer, with the remote participant id as its msid stream id (docs/protocol.md), and libwebrtc's inbound-rtp
 * stats carry the SSRC, so the SSRC is how a stat is attributed to a person.
 */
final class RemoteStreams {

    private RemoteStreams() {
    }

    /** SSRC to msid stream id, for every m-section of the offer that announces both. */
    static Map<Long, String> bySsrc(String sdp) {
        Map<Long, String> streams = new HashMap<>();
        Map<Long, String> section = new HashMap<>();
        String sectionStream = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                flush(section, sectionStream, streams);
                section.clear();
                sectionStream = null;
            } else if (line.startsWith("a=msid:")) {
                sectionStream = firstWord(line.substring("a=msid:".length()));
            } else if (line.startsWith("a=ssrc:")) {
                String rest = line.substring("a=ssrc:".length());
                int space = rest.indexOf(' ');
                long ssrc = Long.parseLong(space < 0 ? rest : rest.substring(0, space));
                String attribute = space < 0 ? "" : rest.substring(space + 1);
                section.put(ssrc, attribute.startsWith("msid:")
                        ? firstWord(attribute.substring("msid:".length())) : section.get(ssrc));
            }
        }
        flush(section, sectionStream, streams);
        return streams;
    }

    private static void flush(Map<Long, String> section, String sectionStream, Map<Long, String> into) {
        section.forEach((ssrc, stream) -> {
            String owner = stream != null ? stream : sectionStream;
            if (owner != null) {
                into.put(ssrc, owner);
            }
        });
    }

    private static String firstWord(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}

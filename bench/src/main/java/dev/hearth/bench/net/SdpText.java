package dev.hearth.bench.net;

import dev.hearth.relay.dtls.Fingerprint;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SDP a synthetic participant writes and the little it reads of the server's: ICE credentials, DTLS
 * fingerprint and a UDP host candidate. Written line by line (as a browser's would look, Unified Plan, BUNDLE,
 * rtcp-mux), so the same code talks to Hearth and to Janus.
 */
public final class SdpText {

    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;
    public static final int MID_EXTENSION_ID = 4;
    private static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    private SdpText() {
    }

    /** What the client needs of the server's description to reach it. */
    public record Remote(String ufrag, String password, Fingerprint fingerprint, InetSocketAddress candidate) {
    }

    public static Remote remote(String sdp) {
        String ufrag = null;
        String password = null;
        Fingerprint fingerprint = null;
        InetSocketAddress udp4 = null;
        InetSocketAddress udp = null;
        for (String line : lines(sdp)) {
            if (ufrag == null && line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring(12).trim();
            } else if (password == null && line.startsWith("a=ice-pwd:")) {
                password = line.substring(10).trim();
            } else if (fingerprint == null && line.toLowerCase(Locale.ROOT).startsWith("a=fingerprint:sha-256")) {
                fingerprint = Fingerprint.parse(line.substring(14).trim());
            } else if (line.startsWith("a=candidate:")) {
                String[] f = line.substring(12).trim().split("\\s+");
                if (f.length >= 8 && f[2].equalsIgnoreCase("udp") && f[1].equals("1")) {
                    InetSocketAddress a = new InetSocketAddress(f[4], Integer.parseInt(f[5]));
                    if (udp == null) {
                        udp = a;
                    }
                    if (udp4 == null && !f[4].contains(":")) {
                        udp4 = a;
                    }
                }
            }
        }
        if (ufrag == null || password == null || fingerprint == null || (udp4 == null && udp == null)) {
            throw new IllegalArgumentException("server description lacks ICE credentials, fingerprint or UDP candidate");
        }
        return new Remote(ufrag, password, fingerprint, udp4 != null ? udp4 : udp);
    }

    /**
     * A browser's publish offer: Opus on mid 0, VP8 on mid 1, both sendonly, one BUNDLE transport.
     *
     * @param setup {@code actpass} as browsers offer, or {@code active} to keep the DTLS client role where the
     *              answerer would take it (Janus answers actpass with active)
     */
    public static String publishOffer(ClientTransport t, long audioSsrc, long videoSsrc, String streamName,
            String setup) {
        StringBuilder s = new StringBuilder(header(List.of("0", "1"), streamName));
        s.append("m=audio 9 UDP/TLS/RTP/SAVPF ").append(OPUS_PT).append("\r\n");
        transport(s, t, setup, true);
        s.append("a=mid:0\r\n")
                .append("a=extmap:").append(MID_EXTENSION_ID).append(' ').append(MID_URI).append("\r\n")
                .append("a=sendonly\r\na=msid:").append(streamName).append(" audio-").append(streamName).append("\r\n")
                .append("a=rtcp-mux\r\n")
                .append("a=rtpmap:").append(OPUS_PT).append(" opus/48000/2\r\n")
                .append("a=fmtp:").append(OPUS_PT).append(" minptime=10;useinbandfec=1\r\n")
                .append("a=ssrc:").append(audioSsrc).append(" cname:").append(streamName).append("\r\n")
                .append("a=ssrc:").append(audioSsrc).append(" msid:").append(streamName).append(" audio-")
                .append(streamName).append("\r\n");
        s.append("m=video 9 UDP/TLS/RTP/SAVPF ").append(VP8_PT).append("\r\n");
        transport(s, t, setup, false);
        s.append("a=mid:1\r\n")
                .append("a=extmap:").append(MID_EXTENSION_ID).append(' ').append(MID_URI).append("\r\n")
                .append("a=sendonly\r\na=msid:").append(streamName).append(" video-").append(streamName).append("\r\n")
                .append("a=rtcp-mux\r\na=rtcp-rsize\r\n")
                .append("a=rtpmap:").append(VP8_PT).append(" VP8/90000\r\n")
                .append("a=rtcp-fb:").append(VP8_PT).append(" nack\r\n")
                .append("a=rtcp-fb:").append(VP8_PT).append(" nack pli\r\n")
                .append("a=ssrc:").append(videoSsrc).append(" cname:").append(streamName).append("\r\n")
                .append("a=ssrc:").append(videoSsrc).append(" msid:").append(streamName).append(" video-")
                .append(streamName).append("\r\n");
        return s.toString();
    }

    /**
     * Answers a server's offer of media to receive: every open section accepted recvonly with all its codecs,
     * closed ones answered closed, DTLS client (setup active).
     */
    public static String answer(String offer, ClientTransport t) {
        List<List<String>> sections = new ArrayList<>();
        for (String line : lines(offer)) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).add(line);
            }
        }
        List<String> bundle = new ArrayList<>();
        StringBuilder media = new StringBuilder();
        boolean first = true;
        for (List<String> section : sections) {
            String[] m = section.get(0).substring(2).split("\\s+");
            String mid = section.stream().filter(l -> l.startsWith("a=mid:")).map(l -> l.substring(6).trim())
                    .findFirst().orElse(null);
            boolean closed = m[1].equals("0") || section.contains("a=inactive") && !section.contains("a=sendonly");
            if (closed || (!m[0].equals("audio") && !m[0].equals("video"))) {
                media.append("m=").append(m[0]).append(" 0 ").append(m[2]).append(' ').append(m[3]).append("\r\n")
                        .append("c=IN IP4 0.0.0.0\r\n");
                if (mid != null) {
                    media.append("a=mid:").append(mid).append("\r\n");
                }
                media.append("a=inactive\r\n");
                continue;
            }
            bundle.add(mid);
            Set<String> formats = new LinkedHashSet<>(List.of(m).subList(3, m.length));
            media.append("m=").append(m[0]).append(" 9 UDP/TLS/RTP/SAVPF ").append(String.join(" ", formats))
                    .append("\r\n");
            transport(media, t, "active", first);
            first = false;
            media.append("a=mid:").append(mid).append("\r\na=recvonly\r\na=rtcp-mux\r\n");
            for (String line : section) {
                if (line.startsWith("a=extmap:") || line.startsWith("a=rtcp-rsize")) {
                    media.append(line).append("\r\n");
                } else if (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:")
                        || line.startsWith("a=rtcp-fb:")) {
                    String pt = line.substring(line.indexOf(':') + 1).split("\\s+")[0];
                    if (formats.contains(pt)) {
                        media.append(line).append("\r\n");
                    }
                }
            }
        }
        return header(bundle, null) + media;
    }

    private static String header(List<String> bundle, String streamName) {
        return "v=0\r\no=- " + (System.nanoTime() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + (bundle.isEmpty() ? "" : "a=group:BUNDLE " + String.join(" ", bundle) + "\r\n")
                + (streamName == null ? "" : "a=msid-semantic: WMS " + streamName + "\r\n");
    }

    private static void transport(StringBuilder s, ClientTransport t, String setup, boolean candidates) {
        s.append("c=IN IP4 0.0.0.0\r\n")
                .append("a=ice-ufrag:").append(t.ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(t.password()).append("\r\n")
                .append("a=fingerprint:").append(t.fingerprint()).append("\r\n")
                .append("a=setup:").append(setup).append("\r\n");
        if (candidates) {
            s.append(t.candidateLine()).append("\r\n").append("a=end-of-candidates\r\n");
        }
    }

    private static List<String> lines(String sdp) {
        return List.of(sdp.split("\r?\n"));
    }
}

package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tolerant parser for WebRTC session descriptions (RFC 8866 plus the attributes JSEP uses).
 *
 * <p>Tolerant means: unknown lines and attributes are kept ({@code otherAttributes}) or skipped, never
 * fatal. Strict means: anything the relay acts on (numbers, mids, fingerprints, credentials) must be
 * well formed, and input that is too big, has no m-line or is not an SDP at all is refused with an
 * {@link SdpException}. No other exception escapes for any input string.
 */
public final class SdpParser {

    /** Browsers' largest offers are a few KiB; 64 KiB leaves room without inviting memory abuse. */
    public static final int MAX_LENGTH = 64 * 1024;
    public static final int MAX_MEDIA_SECTIONS = 64;

    private static final int MAX_MID_LENGTH = 64;

    private SdpParser() {
    }

    public static SessionDescription parse(String sdp) {
        if (sdp == null) {
            throw new SdpException("no session description");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw new SdpException("session description is larger than " + MAX_LENGTH + " characters");
        }
        return new SdpParser.Run(sdp).parse();
    }

    /** One parse; holds the mutable state so the public entry point stays a pure function. */
    private static final class Run {
        private final String sdp;
        private int lineNumber;

        private Origin origin;
        private String sessionName = "-";
        private final List<Group> groups = new ArrayList<>();
        private boolean iceLite;
        private final List<String> iceOptions = new ArrayList<>();
        private Optional<MsidSemantic> msidSemantic = Optional.empty();
        private Optional<String> iceUfrag = Optional.empty();
        private Optional<String> icePwd = Optional.empty();
        private final List<Fingerprint> fingerprints = new ArrayList<>();
        private Optional<Setup> setup = Optional.empty();
        private final List<Attribute> other = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaBuilder current;

        Run(String sdp) {
            this.sdp = sdp;
        }

        SessionDescription parse() {
            // Any of CRLF, LF or a lone CR ends a line, so a stray CR can never hide inside a value
            // that we later copy into a description of our own.
            String[] lines = sdp.split("\r\n|\n|\r");
            boolean sawVersion = false;
            for (String raw : lines) {
                lineNumber++;
                if (raw.isBlank()) {
                    continue;
                }
                if (raw.length() < 2 || raw.charAt(1) != '=') {
                    continue; // not a type=value line: ignored, as RFC 8866 parsers may
                }
                char type = raw.charAt(0);
                String value = raw.substring(2);
                if (!sawVersion) {
                    if (type != 'v' || !value.strip().equals("0")) {
                        throw new SdpException("session description must start with v=0");
                    }
                    sawVersion = true;
                    continue;
                }
                switch (type) {
                    case 'o' -> {
                        if (current == null && origin == null) {
                            origin = parseOrigin(value);
                        }
                    }
                    case 's' -> {
                        if (current == null) {
                            sessionName = value;
                        }
                    }
                    case 'm' -> startMedia(value);
                    case 'a' -> attribute(value);
                    default -> {
                        // c=, b=, t=, i=, k= and the rest carry nothing the relay uses.
                    }
                }
            }
            if (!sawVersion) {
                throw new SdpException("session description must start with v=0");
            }
            if (origin == null) {
                throw new SdpException("session description has no o= line");
            }
            finishMedia();
            if (media.isEmpty()) {
                throw new SdpException("session description has no m= section");
            }
            return new SessionDescription(origin, sessionName, groups, iceLite, iceOptions, msidSemantic,
                    iceUfrag, icePwd, fingerprints, setup, media, other);
        }

        private Origin parseOrigin(String value) {
            String[] f = value.strip().split("\\s+");
            if (f.length != 6) {
                throw error("o=", "origin must have six fields");
            }
            if (!isNumber(f[1]) || f[1].length() > 40) {
                throw error("o=", "session id must be a number");
            }
            long version = parseLong(f[2], 0, Long.MAX_VALUE, "o=", "session version");
            return new Origin(f[0], f[1], version, f[3], f[4], f[5]);
        }

        private void startMedia(String value) {
            finishMedia();
            if (media.size() >= MAX_MEDIA_SECTIONS) {
                throw new SdpException("session description has more than " + MAX_MEDIA_SECTIONS
                        + " m= sections");
            }
            String[] f = value.strip().split("\\s+");
            if (f.length < 3) {
                throw error("m=", "media line needs media, port and proto");
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            if (slash >= 0) {
                portField = portField.substring(0, slash); // "port/number" is legal, we only need the port
            }
            int port = (int) parseLong(portField, 0, 65535, "m=", "port");
            List<String> formats = new ArrayList<>();
            for (int i = 3; i < f.length; i++) {
                formats.add(f[i]);
            }
            current = new MediaBuilder(MediaKind.fromToken(f[0]), f[0], port, f[2], formats);
        }

        private void finishMedia() {
            if (current != null) {
                media.add(current.build());
                current = null;
            }
        }

        private void attribute(String text) {
            int colon = text.indexOf(':');
            String name = (colon < 0 ? text : text.substring(0, colon)).strip();
            Optional<String> value = colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1).strip());
            if (current == null) {
                sessionAttribute(name, value);
            } else {
                mediaAttribute(current, name, value);
            }
        }

        private void sessionAttribute(String name, Optional<String> value) {
            switch (name) {
                case "group" -> groups.add(parseGroup(require(name, value)));
                case "ice-lite" -> iceLite = true;
                case "ice-options" -> iceOptions.addAll(words(require(name, value)));
                case "msid-semantic" -> {
                    List<String> w = words(require(name, value));
                    if (!w.isEmpty()) {
                        msidSemantic = Optional.of(new MsidSemantic(w.get(0), w.subList(1, w.size())));
                    }
                }
                case "ice-ufrag" -> iceUfrag = Optional.of(require(name, value));
                case "ice-pwd" -> icePwd = Optional.of(require(name, value));
                case "fingerprint" -> fingerprints.add(parseFingerprint(require(name, value)));
                case "setup" -> setup = Setup.fromToken(require(name, value));
                default -> other.add(new Attribute(name, value));
            }
        }

        private void mediaAttribute(MediaBuilder m, String name, Optional<String> value) {
            Optional<Direction> direction = Direction.fromAttribute(name);
            if (direction.isPresent()) {
                m.direction = direction;
                return;
            }
            switch (name) {
                case "mid" -> m.mid = Optional.of(parseMid(require(name, value)));
                case "ice-ufrag" -> m.iceUfrag = Optional.of(require(name, value));
                case "ice-pwd" -> m.icePwd = Optional.of(require(name, value));
                case "ice-options" -> m.iceOptions.addAll(words(require(name, value)));
                case "fingerprint" -> m.fingerprints.add(parseFingerprint(require(name, value)));
                case "setup" -> m.setup = Setup.fromToken(require(name, value));
                case "rtcp-mux" -> m.rtcpMux = true;
                case "rtcp-rsize" -> m.rtcpRsize = true;
                case "rtpmap" -> parseRtpmap(m, require(name, value));
                case "fmtp" -> parseFmtp(m, require(name, value));
                case "rtcp-fb" -> parseRtcpFb(m, require(name, value));
                case "extmap" -> m.extensions.add(parseExtmap(require(name, value)));
                case "ssrc" -> parseSsrc(m, require(name, value));
                case "ssrc-group" -> m.ssrcGroups.add(parseSsrcGroup(require(name, value)));
                case "msid" -> m.msids.add(Msid.parse(require(name, value)));
                case "rid" -> parseRid(m, require(name, value));
                case "simulcast" -> m.simulcast = Optional.of(Simulcast.parse(require(name, value)));
                case "candidate" -> m.candidates.add(parseCandidate(require(name, value)));
                case "end-of-candidates" -> m.endOfCandidates = true;
                default -> m.other.add(new Attribute(name, value));
            }
        }

        private Group parseGroup(String value) {
            List<String> w = words(value);
            if (w.isEmpty()) {
                throw error("a=group", "group has no semantics");
            }
            List<String> mids = new ArrayList<>();
            for (String mid : w.subList(1, w.size())) {
                mids.add(parseMid(mid));
            }
            return new Group(w.get(0), mids);
        }

        private String parseMid(String mid) {
            if (mid.length() > MAX_MID_LENGTH || !SdpTokens.isToken(mid)) {
                throw error("a=mid", "mid must be a token of at most " + MAX_MID_LENGTH + " characters");
            }
            return mid;
        }

        private Fingerprint parseFingerprint(String value) {
            List<String> w = words(value);
            if (w.size() != 2) {
                throw error("a=fingerprint", "fingerprint needs a hash function and a value");
            }
            try {
                return new Fingerprint(w.get(0), w.get(1));
            } catch (SdpException e) {
                throw error("a=fingerprint", e.getMessage());
            }
        }

        private void parseRtpmap(MediaBuilder m, String value) {
            List<String> w = words(value);
            if (w.size() != 2) {
                throw error("a=rtpmap", "rtpmap needs a payload type and an encoding");
            }
            int pt = parsePayloadType(w.get(0), "a=rtpmap");
            String[] enc = w.get(1).split("/");
            if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                throw error("a=rtpmap", "encoding must be name/clock[/channels]");
            }
            int clock = (int) parseLong(enc[1], 1, Integer.MAX_VALUE, "a=rtpmap", "clock rate");
            int channels = enc.length == 3 ? (int) parseLong(enc[2], 1, 255, "a=rtpmap", "channel count") : 1;
            m.rtpmaps.putIfAbsent(pt, new String[] {enc[0], Integer.toString(clock), Integer.toString(channels)});
        }

        private void parseFmtp(MediaBuilder m, String value) {
            int space = firstWhitespace(value);
            if (space < 0) {
                return; // "a=fmtp:96" with no parameters says nothing
            }
            String format = value.substring(0, space);
            if (!isNumber(format)) {
                return; // non-RTP formats (SCTP) use fmtp too; not our business
            }
            int pt = parsePayloadType(format, "a=fmtp");
            m.fmtps.putIfAbsent(pt, value.substring(space + 1).strip());
        }

        private void parseRtcpFb(MediaBuilder m, String value) {
            List<String> w = words(value);
            if (w.size() < 2) {
                throw error("a=rtcp-fb", "rtcp-fb needs a payload type and a feedback type");
            }
            RtcpFeedback fb = w.size() == 2 ? RtcpFeedback.of(w.get(1))
                    : RtcpFeedback.of(w.get(1), String.join(" ", w.subList(2, w.size())));
            if (w.get(0).equals("*")) {
                m.wildcardFeedback.add(fb);
            } else {
                m.feedback.computeIfAbsent(parsePayloadType(w.get(0), "a=rtcp-fb"), k -> new ArrayList<>()).add(fb);
            }
        }

        private HeaderExtension parseExtmap(String value) {
            List<String> w = words(value);
            if (w.size() < 2) {
                throw error("a=extmap", "extmap needs an id and a URI");
            }
            String idField = w.get(0);
            Optional<String> direction = Optional.empty();
            int slash = idField.indexOf('/');
            if (slash >= 0) {
                direction = Optional.of(idField.substring(slash + 1));
                idField = idField.substring(0, slash);
            }
            int id = (int) parseLong(idField, 1, 255, "a=extmap", "id");
            Optional<String> attributes = w.size() > 2
                    ? Optional.of(String.join(" ", w.subList(2, w.size()))) : Optional.empty();
            return new HeaderExtension(id, direction, w.get(1), attributes);
        }

        private void parseSsrc(MediaBuilder m, String value) {
            int space = firstWhitespace(value);
            String ssrcField = space < 0 ? value : value.substring(0, space);
            long ssrc = parseLong(ssrcField, 0, 0xFFFF_FFFFL, "a=ssrc", "SSRC");
            SsrcBuilder s = m.ssrcs.computeIfAbsent(ssrc, SsrcBuilder::new);
            if (space < 0) {
                return;
            }
            String attr = value.substring(space + 1).strip();
            int colon = attr.indexOf(':');
            if (colon < 0) {
                return;
            }
            String attrName = attr.substring(0, colon);
            String attrValue = attr.substring(colon + 1).strip();
            if (attrValue.isEmpty()) {
                return;
            }
            switch (attrName) {
                case "cname" -> s.cname = s.cname.or(() -> Optional.of(attrValue));
                case "msid" -> s.msid = s.msid.or(() -> Optional.of(Msid.parse(attrValue)));
                default -> {
                    // mslabel, label and friends are Plan B leftovers.
                }
            }
        }

        private SsrcGroup parseSsrcGroup(String value) {
            List<String> w = words(value);
            if (w.isEmpty()) {
                throw error("a=ssrc-group", "ssrc-group needs semantics");
            }
            List<Long> ssrcs = new ArrayList<>();
            for (String s : w.subList(1, w.size())) {
                ssrcs.add(parseLong(s, 0, 0xFFFF_FFFFL, "a=ssrc-group", "SSRC"));
            }
            return new SsrcGroup(w.get(0), ssrcs);
        }

        private void parseRid(MediaBuilder m, String value) {
            List<String> w = words(value);
            if (w.size() < 2) {
                throw error("a=rid", "rid needs an id and a direction");
            }
            Optional<String> restrictions = w.size() > 2
                    ? Optional.of(String.join(" ", w.subList(2, w.size()))) : Optional.empty();
            m.rids.add(new Rid(w.get(0), w.get(1), restrictions));
        }

        private Candidate parseCandidate(String value) {
            List<String> w = words(value);
            if (w.size() < 8 || !w.get(6).equals("typ")) {
                throw error("a=candidate", "candidate needs foundation, component, transport, priority, "
                        + "address, port and typ");
            }
            int component = (int) parseLong(w.get(1), 1, 256, "a=candidate", "component");
            long priority = parseLong(w.get(3), 0, 0xFFFF_FFFFL, "a=candidate", "priority");
            int port = (int) parseLong(w.get(5), 0, 65535, "a=candidate", "port");
            Map<String, String> extensions = new LinkedHashMap<>();
            for (int i = 8; i + 1 < w.size(); i += 2) {
                extensions.putIfAbsent(w.get(i), w.get(i + 1));
            }
            return new Candidate(w.get(0), component, w.get(2), priority, w.get(4), port, w.get(7), extensions);
        }

        private int parsePayloadType(String text, String where) {
            return (int) parseLong(text, 0, 127, where, "payload type");
        }

        private long parseLong(String text, long min, long max, String where, String what) {
            // ASCII digits only and at most 18 of them: no signs, no exponent, no overflow of a long.
            if (text.isEmpty() || text.length() > 18 || !isNumber(text)) {
                throw error(where, what + " is not a number");
            }
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw error(where, what + " is out of range " + min + "-" + max);
            }
            return v;
        }

        private String require(String name, Optional<String> value) {
            if (value.isEmpty() || value.get().isEmpty()) {
                throw error("a=" + name, "attribute needs a value");
            }
            return value.get();
        }

        private SdpException error(String where, String problem) {
            return new SdpException("line " + lineNumber + " (" + where + "): " + problem);
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> words(String value) {
        String s = value.strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    /** Collects one m-section's lines; codecs are assembled at the end because order of lines varies. */
    private static final class MediaBuilder {
        final MediaKind kind;
        final String media;
        final int port;
        final String proto;
        final List<String> formats;
        Optional<String> mid = Optional.empty();
        Optional<Direction> direction = Optional.empty();
        Optional<String> iceUfrag = Optional.empty();
        Optional<String> icePwd = Optional.empty();
        final List<String> iceOptions = new ArrayList<>();
        final List<Fingerprint> fingerprints = new ArrayList<>();
        Optional<Setup> setup = Optional.empty();
        boolean rtcpMux;
        boolean rtcpRsize;
        final Map<Integer, String[]> rtpmaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        final Map<Integer, List<RtcpFeedback>> feedback = new LinkedHashMap<>();
        final List<RtcpFeedback> wildcardFeedback = new ArrayList<>();
        final List<HeaderExtension> extensions = new ArrayList<>();
        final Map<Long, SsrcBuilder> ssrcs = new LinkedHashMap<>();
        final List<SsrcGroup> ssrcGroups = new ArrayList<>();
        final List<Msid> msids = new ArrayList<>();
        final List<Rid> rids = new ArrayList<>();
        Optional<Simulcast> simulcast = Optional.empty();
        final List<Candidate> candidates = new ArrayList<>();
        boolean endOfCandidates;
        final List<Attribute> other = new ArrayList<>();

        MediaBuilder(MediaKind kind, String media, int port, String proto, List<String> formats) {
            this.kind = kind;
            this.media = media;
            this.port = port;
            this.proto = proto;
            this.formats = formats;
        }

        MediaDescription build() {
            List<RtpCodec> codecs = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (String format : formats) {
                if (!isNumber(format) || format.length() > 3) {
                    continue;
                }
                int pt = Integer.parseInt(format);
                String[] map = rtpmaps.get(pt);
                if (map == null || !seen.add(pt)) {
                    continue;
                }
                // A set keeps hostile inputs with thousands of repeated lines linear.
                Set<RtcpFeedback> fb = new LinkedHashSet<>(feedback.getOrDefault(pt, List.of()));
                fb.addAll(wildcardFeedback);
                codecs.add(new RtpCodec(pt, map[0], Integer.parseInt(map[1]), Integer.parseInt(map[2]),
                        Optional.ofNullable(fmtps.get(pt)), List.copyOf(fb)));
            }
            List<SsrcDescription> ssrcList = ssrcs.values().stream().map(SsrcBuilder::build).toList();
            return new MediaDescription(kind, media, port, proto, formats, mid, direction, iceUfrag, icePwd,
                    iceOptions, fingerprints, setup, rtcpMux, rtcpRsize, codecs, extensions, ssrcList, ssrcGroups,
                    msids, rids, simulcast, candidates, endOfCandidates, other);
        }
    }

    private static final class SsrcBuilder {
        final long ssrc;
        Optional<String> cname = Optional.empty();
        Optional<Msid> msid = Optional.empty();

        SsrcBuilder(long ssrc) {
            this.ssrc = ssrc;
        }

        SsrcDescription build() {
            return new SsrcDescription(ssrc, cname, msid);
        }
    }
}

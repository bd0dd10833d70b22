package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the parser answers with a description or an {@link SdpException}, nothing else. */
class SdpParserHostileInputTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    @Test
    void nullIsRefused() {
        assertThrows(SdpException.class, () -> SdpParser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "v=1\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio 9 RTP/AVP 0\r\n",
        "o=- 1 1 IN IP4 0.0.0.0\r\nv=0\r\nm=audio 9 RTP/AVP 0\r\n"})
    void textThatIsNotAnSdpIsRefused(String text) {
        assertThrows(SdpException.class, () -> SdpParser.parse(text));
    }

    @Test
    void descriptionWithoutMediaIsRefused() {
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(HEAD));
        assertTrue(e.getMessage().contains("no m= section"));
        assertEquals("invalid-sdp", e.code());
    }

    @Test
    void descriptionWithoutOriginIsRefused() {
        assertThrows(SdpException.class, () -> SdpParser.parse("v=0\r\ns=-\r\n" + AUDIO));
    }

    @Test
    void inputOverSixtyFourKibibytesIsRefused() {
        String huge = HEAD + AUDIO + "a=x:" + "y".repeat(SdpParser.MAX_LENGTH) + "\r\n";
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(huge));
        assertTrue(e.getMessage().contains("larger than"));
    }

    @Test
    void sixtyFourMediaSectionsAreAcceptedAndSixtyFiveRefused() {
        assertEquals(64, SdpParser.parse(HEAD + AUDIO.repeat(64)).media().size());
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(HEAD + AUDIO.repeat(65)));
        assertTrue(e.getMessage().contains("more than 64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m=audio 65536 UDP/TLS/RTP/SAVPF 111",
        "m=audio -1 UDP/TLS/RTP/SAVPF 111",
        "m=audio nine UDP/TLS/RTP/SAVPF 111",
        "m=audio 99999999999999999999999 UDP/TLS/RTP/SAVPF 111",
        "m=audio 9",
        AUDIO + "a=rtpmap:128 opus/48000/2",
        AUDIO + "a=rtpmap:111 opus/fast/2",
        AUDIO + "a=rtpmap:111 opus",
        AUDIO + "a=rtpmap:111 opus/48000/0",
        AUDIO + "a=rtpmap:+1 opus/48000",
        AUDIO + "a=fmtp:300 apt=1",
        AUDIO + "a=rtcp-fb:abc nack",
        AUDIO + "a=rtcp-fb:111",
        AUDIO + "a=extmap:0 urn:x",
        AUDIO + "a=extmap:256 urn:x",
        AUDIO + "a=extmap:1",
        AUDIO + "a=ssrc:4294967296 cname:x",
        AUDIO + "a=ssrc:-5 cname:x",
        AUDIO + "a=ssrc-group:FID 1 x",
        AUDIO + "a=mid:two words",
        AUDIO + "a=mid:quo\"te",
        AUDIO + "a=mid:" + "m",
        AUDIO + "a=mid:",
        AUDIO + "a=fingerprint:sha-256 zz:zz",
        AUDIO + "a=fingerprint:sha-256",
        AUDIO + "a=candidate:1 1 udp 1 10.0.0.1 70000 typ host",
        AUDIO + "a=candidate:1 1 udp 1 10.0.0.1 9",
        AUDIO + "a=rid:only",
    })
    void malformedLinesTheRelayReliesOnAreRefused(String body) {
        String sdp = HEAD + body.replace("a=mid:m", "a=mid:" + "m".repeat(65)) + "\r\n";
        assertThrows(SdpException.class, () -> SdpParser.parse(sdp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"o=- 1 9999999999999999999 IN IP4 0.0.0.0", "o=- 1 99999999999999999999 IN IP4 0.0.0.0",
        "o=- \u0661\u0662 1 IN IP4 0.0.0.0", "o=- 1 1 IN IP4", "o=- 1 -1 IN IP4 0.0.0.0"})
    void malformedOriginIsRefused(String origin) {
        assertThrows(SdpException.class, () -> SdpParser.parse("v=0\r\n" + origin + "\r\n" + AUDIO));
    }

    @Test
    void groupWithANonTokenMidIsRefused() {
        assertThrows(SdpException.class, () -> SdpParser.parse(HEAD + "a=group:BUNDLE 0 <1>\r\n" + AUDIO));
    }

    @Test
    void malformedIceCredentialsAreRefusedWhenUsed() {
        SessionDescription sdp = SdpParser.parse(HEAD + AUDIO + "a=ice-ufrag:ab\r\na=ice-pwd:short\r\n");
        assertThrows(SdpException.class, () -> sdp.iceCredentials(sdp.media().get(0)));
    }

    @Test
    void thousandsOfRepeatedFeedbackLinesStayCheap() {
        StringBuilder sdp = new StringBuilder(HEAD).append("m=video 9 UDP/TLS/RTP/SAVPF");
        for (int pt = 96; pt < 128; pt++) {
            sdp.append(' ').append(pt);
        }
        sdp.append("\r\n");
        for (int pt = 96; pt < 128; pt++) {
            sdp.append("a=rtpmap:").append(pt).append(" VP8/90000\r\n");
        }
        int i = 0;
        while (sdp.length() < SdpParser.MAX_LENGTH - 40) {
            sdp.append("a=rtcp-fb:* t").append(i++).append("\r\n");
        }

        MediaDescription video = SdpParser.parse(sdp.toString()).media().get(0);

        assertEquals(32, video.codecs().size());
        assertEquals(i, video.codecs().get(31).feedback().size());
    }

    /**
     * Mutation fuzzing from real offers: cut, duplicate, splice and garble lines and bytes. Every
     * result must parse or fail with SdpException, and so must reading it as a publish offer.
     */
    @Test
    void mutatedOffersNeverThrowAnythingButSdpException() {
        Random random = new Random(20261127L);
        List<String> seeds = List.of(SdpFixtures.CHROME_PUBLISH_OFFER, SdpFixtures.CHROME_RID_SIMULCAST_OFFER,
                SdpFixtures.FIREFOX_STYLE_OFFER);
        String alphabet = " :=/;*-~{}0123456789\r\n\t\u0000aAmvo";
        int parsed = 0;
        for (int round = 0; round < 3000; round++) {
            String text = mutate(seeds.get(round % seeds.size()), random, alphabet);
            try {
                SessionDescription sdp = SdpParser.parse(text);
                parsed++;
                PublishOffer.from(sdp, RelayCapabilities.standard());
            } catch (SdpException expected) {
                // refusing is fine
            } catch (RuntimeException e) {
                fail("round " + round + " threw " + e + " for:\n" + text, e);
            }
        }
        assertTrue(parsed > 100, "the fuzzer should also produce parseable descriptions, got " + parsed);
    }

    private static String mutate(String seed, Random random, String alphabet) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(random.nextInt(lines.size()), line);
                case 2 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 3 -> {
                    int pos = random.nextInt(line.length() + 1);
                    lines.set(at, line.substring(0, pos) + alphabet.charAt(random.nextInt(alphabet.length()))
                            + line.substring(pos));
                }
                case 4 -> {
                    if (!line.isEmpty()) {
                        int pos = random.nextInt(line.length());
                        lines.set(at, line.substring(0, pos) + (char) random.nextInt(0x3000) + line.substring(pos + 1));
                    }
                }
                default -> lines.set(at, line.replaceAll("\\d+", Long.toString(random.nextLong())));
            }
        }
        return String.join("\n", lines);
    }
}

package dev.hearth.relay.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.libwebrtc.PublishingPeer;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.SenderStream;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real call recorded end to end: two libwebrtc peers publish VP8 and Opus through the relay for 6 s, the
 * recording pauses for 2 s and runs 3 s more; the export must be what ffprobe and ffmpeg accept, 9 s long, and the
 * data directory must never hold anything readable.
 */
class RecordedCallTest {
    private static final String ROOM = "room-call";

    @TempDir
    Path dataDir;

    @TempDir
    Path exportDir;

    @Test
    void recordedCallExportsAsWebmWithTwoVideoAndTwoAudioStreamsLastingTheConsentedTime() throws Exception {
        FileRecordingArchive archive = new FileRecordingArchive(dataDir,
                MasterKey.load(java.util.Optional.empty(), dataDir), Clock.systemUTC());
        List<byte[]> ssrcs = new ArrayList<>();
        try (UdpMediaServer server = UdpMediaServer.start(UdpMediaServerConfig.loopback());
             InProcessRelayControl relay = new InProcessRelayControl(server, archive);
             PublishingPeer alice = new PublishingPeer(1);
             PublishingPeer bob = new PublishingPeer(2)) {
            join(relay, "alice", alice, ssrcs);
            join(relay, "bob", bob, ssrcs);
            assertTrue(alice.connected.await(10, TimeUnit.SECONDS), "alice connected");
            assertTrue(bob.connected.await(10, TimeUnit.SECONDS), "bob connected");
            Thread.sleep(500);

            relay.startRecording(ROOM, "call-1");
            Thread.sleep(3_000);
            assertNothingReadable(ssrcs);
            Thread.sleep(3_000);
            relay.pauseRecording(ROOM, "call-1");
            Thread.sleep(2_000);
            relay.resumeRecording(ROOM, "call-1");
            Thread.sleep(3_000);
            relay.stopRecording(ROOM, "call-1");
        }
        assertNothingReadable(ssrcs);

        RecordingInfo info = archive.find("call-1").orElseThrow();
        assertEquals(RecordingStatus.COMPLETE, info.status());
        assertEquals(List.of("alice", "bob"), info.participants().stream().sorted().toList());
        assertTrue(Math.abs(info.recorded().toMillis() - 9_000) < 300, "recorded " + info.recorded());

        Path webm = exportDir.resolve("call.webm");
        try (OutputStream out = Files.newOutputStream(webm)) {
            archive.exportWebm("call-1", out);
        }
        String probe = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name",
                "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1", webm.toString());
        assertEquals(2, count(probe, "codec_name=vp8"), probe);
        assertEquals(2, count(probe, "codec_name=opus"), probe);
        Matcher duration = Pattern.compile("duration=([0-9.]+)").matcher(probe);
        assertTrue(duration.find(), probe);
        double seconds = Double.parseDouble(duration.group(1));
        assertTrue(Math.abs(seconds - 9.0) <= 0.9, "exported duration " + seconds + " s, expected 9 s +-10 %");
        String decodeErrors = run("ffmpeg", "-nostdin", "-v", "error", "-i", webm.toString(), "-map", "0",
                "-enc_time_base", "-1", "-f", "null", "-");
        assertEquals("", decodeErrors.strip(), "ffmpeg reported decoding errors");
    }

    private static void join(InProcessRelayControl relay, String participant, PublishingPeer peer, List<byte[]> ssrcs)
            throws Exception {
        String offer = peer.createOfferAndSetLocal();
        for (var media : PublishOffer.parse(offer, RelayCapabilities.standard()).media()) {
            for (SenderStream sender : media.senders()) {
                ssrcs.add(java.nio.ByteBuffer.allocate(4).putInt((int) sender.ssrc()).array());
            }
        }
        peer.setAnswer(relay.publish(ROOM, participant, offer));
        peer.startMedia();
    }

    /** No RTP header of the peers' streams, no WebM and no Opus header anywhere under the data directory. */
    private void assertNothingReadable(List<byte[]> ssrcs) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 3, "master key, key file and data file: " + files);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] ssrc : ssrcs) {
                for (int at = indexOf(bytes, ssrc, 8); at >= 0; at = indexOf(bytes, ssrc, at + 1)) {
                    int first = bytes[at - 8] & 0xFF;
                    assertTrue(first < 0x80 || first > 0xBF, "RTP header of a peer's stream in " + file);
                }
            }
            assertEquals(-1, indexOf(bytes, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, 0), "EBML in " + file);
            assertEquals(-1, indexOf(bytes, "webm".getBytes(StandardCharsets.US_ASCII), 0), "webm in " + file);
            assertEquals(-1, indexOf(bytes, "OpusHead".getBytes(StandardCharsets.US_ASCII), 0), "Opus in " + file);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command[0]);
        assertEquals(0, process.exitValue(), command[0] + " failed: " + output);
        return output;
    }
}

package dev.hearth.relay.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorder process killed with SIGKILL leaves a recording that opens, verifies and exports. */
class CrashRecoveryTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path exportDir;

    @Test
    void recordingOfAKilledProcessIsInterruptedAndExportsUpToItsLastChunk() throws Exception {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingRecorderMain.class.getName(), dataDir.toString(), Base64.getEncoder().encodeToString(raw))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("recording")) {
                // The child's log lines.
            }
            assertEquals("recording", line, "the child process started recording");
            Thread.sleep(1_300);
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }

        FileRecordingArchive archive = new FileRecordingArchive(dataDir, MasterKey.of(raw), Clock.systemUTC());
        RecordingInfo info = archive.find("crash-1").orElseThrow();
        assertEquals(RecordingStatus.INTERRUPTED, info.status());
        assertTrue(info.recorded().toMillis() >= 1_500, "recorded " + info.recorded());
        assertTrue(archive.verify("crash-1") >= 2);

        Path webm = exportDir.resolve("crash.webm");
        try (OutputStream out = Files.newOutputStream(webm)) {
            archive.exportWebm("crash-1", out);
        }
        String probe = RecordedCallTest.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1", webm.toString());
        assertTrue(probe.contains("codec_name=opus"), probe);
        Matcher duration = Pattern.compile("duration=([0-9.]+)").matcher(probe);
        assertTrue(duration.find() && Double.parseDouble(duration.group(1)) >= 1.5, probe);
        assertEquals("", RecordedCallTest.run("ffmpeg", "-nostdin", "-v", "error", "-i", webm.toString(), "-map", "0",
                "-enc_time_base", "-1", "-f", "null", "-")
                .strip());
    }
}

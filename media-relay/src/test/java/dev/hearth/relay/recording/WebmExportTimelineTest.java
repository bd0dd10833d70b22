package dev.hearth.relay.recording;

import static dev.hearth.relay.recording.Recordings.MS;
import static dev.hearth.relay.recording.Recordings.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the exporter puts blocks in time, read back with ffprobe. */
class WebmExportTimelineTest {

    @TempDir
    Path dataDir;

    @Test
    void firstPacketAfterAResumeKeepsTheStreamsCadenceAfterTheLastOneBeforeThePause() throws Exception {
        FileRecordingArchive archive = new FileRecordingArchive(dataDir, Recordings.key(3), Clock.systemUTC());
        RecordingSession session = archive.create("room-timeline", "timeline-1");
        long start = 1_000 * MS;
        await(session.resume(start));
        int track = session.addTrack(new TrackDescriptor("p-1", "0", "audio", "opus", 48_000, 2));
        // The first packet comes 40 ms late and anchors the stream, so its RTP time then runs 40 ms ahead of arrival.
        long arrival = 0;
        for (int i = 0; i < 50; i++) {
            arrival = start + (i == 0 ? 60 : 20 + 20 * i) * MS;
            byte[] rtp = Recordings.opus(i, i * 960L);
            session.writeRtp(track, rtp, 0, rtp.length, arrival);
        }
        long paused = arrival + 5 * MS;
        await(session.pause(paused));
        long resumed = paused + 2_000 * MS;
        await(session.resume(resumed));
        for (int i = 50; i < 100; i++) {
            arrival = resumed + 20 * (i - 49) * MS;
            byte[] rtp = Recordings.opus(i, i * 960L + 200_000);
            session.writeRtp(track, rtp, 0, rtp.length, arrival);
        }
        await(session.stop(arrival + 5 * MS));

        Path webm = dataDir.resolve("timeline.webm");
        try (OutputStream out = Files.newOutputStream(webm)) {
            archive.exportWebm("timeline-1", out);
        }
        List<Long> times = blockTimes(webm);

        assertEquals(100, times.size());
        for (int i = 1; i < times.size(); i++) {
            long step = times.get(i) - times.get(i - 1);
            assertTrue(step >= 19 && step <= 21, "block " + i + " comes " + step + " ms after the one before: " + times);
        }
    }

    private static List<Long> blockTimes(Path webm) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "packet=pts", "-of", "csv=p=0",
                webm.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ffprobe finished");
        assertEquals(0, process.exitValue(), output);
        List<Long> times = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            times.add(Long.parseLong(line.strip()));
        }
        return times;
    }
}

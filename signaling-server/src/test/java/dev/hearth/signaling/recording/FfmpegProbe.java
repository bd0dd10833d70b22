package dev.hearth.signaling.recording;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * What Debian's {@code ffprobe} and {@code ffmpeg} make of an exported file: the streams and format, each packet's
 * time, whether every frame decodes, and the {@link FrameStamp} of every decoded video frame. These are the
 * tools a person handed the export would use, so the test judges the file with them rather than with our reader.
 */
final class FfmpegProbe {

    /** One demuxed packet: its stream and its presentation time and duration in seconds. */
    record Packet(int stream, double time, double duration) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path file;

    FfmpegProbe(Path file) {
        this.file = file;
    }

    /** {@code ffprobe -show_streams -show_format} as JSON. */
    JsonNode streamsAndFormat() throws IOException, InterruptedException {
        return JSON.readTree(run(List.of("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json",
                file.toString())).stdout());
    }

    /** Every packet of every stream, in file order. */
    List<Packet> packets() throws IOException, InterruptedException {
        JsonNode answer = JSON.readTree(run(List.of("ffprobe", "-v", "error", "-show_entries",
                "packet=stream_index,pts_time,duration_time", "-of", "json", file.toString())).stdout());
        List<Packet> packets = new ArrayList<>();
        for (JsonNode packet : answer.path("packets")) {
            packets.add(new Packet(packet.path("stream_index").asInt(), packet.path("pts_time").asDouble(),
                    packet.path("duration_time").asDouble(0)));
        }
        return packets;
    }

    /**
     * What {@code ffmpeg -v error -i FILE -map 0 -enc_time_base -1 -f null -} prints: empty when every stream (not
     * only the first video and audio) decodes cleanly.
     *
     * <p>{@code -enc_time_base -1} keeps each frame's own millisecond time. Without it ffmpeg 5.1 re-times video to
     * ticks of one guessed frame interval (1/20 s here) before its null muxer, and two genuine frames a few
     * milliseconds either side of a tick boundary (any camera's jitter) land on one tick and are reported as
     * "non monotonically increasing dts": an artefact of that re-timing, not of the file, which this test would
     * otherwise fail on at random.
     */
    String decodeErrors() throws IOException, InterruptedException {
        Outcome outcome = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0",
                "-enc_time_base", "-1", "-f", "null", "-"));
        return (outcome.stderr() + (outcome.exitCode() == 0 ? "" : "exit code " + outcome.exitCode())).trim();
    }

    /**
     * The stamp of every frame decoded from one video stream, in presentation order: empty where a frame's stamp
     * cannot be read. Frames are passed through one for one (no frame-rate conversion) and as grey pictures of
     * the stream's size.
     */
    List<OptionalInt> frameStamps(int streamIndex, int width, int height) throws IOException, InterruptedException {
        Outcome outcome = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0:" + streamIndex, "-fps_mode", "passthrough", "-enc_time_base", "-1", "-f", "rawvideo", "-pix_fmt", "gray", "-"));
        if (outcome.exitCode() != 0 || !outcome.stderr().isBlank()) {
            throw new AssertionError("ffmpeg could not decode stream " + streamIndex + ": " + outcome.stderr());
        }
        byte[] grey = outcome.stdoutBytes();
        int frameSize = width * height;
        if (grey.length % frameSize != 0) {
            throw new AssertionError("decoded " + grey.length + " bytes, not whole " + width + "x" + height + " frames");
        }
        List<OptionalInt> stamps = new ArrayList<>();
        for (int offset = 0; offset < grey.length; offset += frameSize) {
            stamps.add(FrameStamp.read(grey, offset, width, height));
        }
        return stamps;
    }

    private record Outcome(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("hearth-ffmpeg", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            byte[] stdout;
            try (InputStream in = process.getInputStream()) {
                stdout = in.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(process.exitValue(), stdout, Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}

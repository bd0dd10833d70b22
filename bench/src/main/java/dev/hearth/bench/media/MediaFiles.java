package dev.hearth.bench.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The generator's media: a VP8 camera clip (640x360, 30 fps, about 1 Mbit/s, a key frame every 2 s) and an Opus
 * microphone clip (20 ms frames, 50 packets/s), encoded by Debian's ffmpeg on first use into a cache directory,
 * so no binary media lives in the repository.
 */
public final class MediaFiles {

    /** Room left in a 1200-byte datagram for RTP header, mid extension, SRTP tag and the sender's trailer. */
    public static final int MAX_VIDEO_PAYLOAD = 1100;
    public static final long VIDEO_FRAME_NANOS = 1_000_000_000L / 30;
    public static final long AUDIO_FRAME_NANOS = 20_000_000L;

    private final Path directory;
    private final int seconds;

    /** @param seconds clip length; the clip loops, so a few seconds suffice */
    public MediaFiles(Path directory, int seconds) {
        this.directory = directory;
        this.seconds = seconds;
    }

    public MediaClip video() throws IOException {
        Path file = ensure("video-" + seconds + "s.ivf", List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-t", Integer.toString(seconds), "-c:v", "libvpx", "-b:v", "1M", "-minrate", "1M", "-maxrate", "1M",
                "-g", "60", "-deadline", "realtime", "-cpu-used", "8", "-f", "ivf"));
        List<List<byte[]>> frames = new ArrayList<>();
        for (byte[] frame : IvfReader.frames(file)) {
            frames.add(Vp8Packetizer.packetize(frame, MAX_VIDEO_PAYLOAD));
        }
        return new MediaClip(MediaClip.Kind.VIDEO, frames, VIDEO_FRAME_NANOS, 90_000 / 30);
    }

    public MediaClip audio() throws IOException {
        Path file = ensure("audio-" + seconds + "s.ogg", List.of("-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-ac", "1",
                "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "20", "-f", "ogg"));
        List<List<byte[]>> frames = new ArrayList<>();
        for (byte[] packet : OggOpusReader.packets(file)) {
            frames.add(List.of(packet));
        }
        return new MediaClip(MediaClip.Kind.AUDIO, frames, AUDIO_FRAME_NANOS, 960);
    }

    private Path ensure(String name, List<String> arguments) throws IOException {
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target) && Files.size(target) > 0) {
            return target;
        }
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, name, ".part");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        command.add(partial.toString());
        Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(ffmpeg.getInputStream().readAllBytes());
            if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                throw new IOException("ffmpeg failed to make " + name + " (apt-get install ffmpeg): " + output);
            }
        } catch (InterruptedException e) {
            ffmpeg.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg made " + name, e);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}

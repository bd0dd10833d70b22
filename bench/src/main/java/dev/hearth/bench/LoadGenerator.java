package dev.hearth.bench;

import dev.hearth.bench.hearth.HearthTarget;
import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.media.MediaFiles;
import dev.hearth.bench.stats.ReceiverStats;
import dev.hearth.bench.stats.RelaySample;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./hearth bench load}: ramps rooms of synthetic participants on one or more servers and prints, per step,
 * what they forwarded, at what CPU cost, latency and loss. Each step adds rooms, lets them settle, then measures
 * one window; the ramp stops at the first step past the loss or p99 limit, or at the room limit.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    /** The run's settings, from {@code --name value} arguments. */
    record Settings(int rooms, int participants, int rampRooms, int maxRooms, double stepSeconds,
                    double settleSeconds, double lossLimit, double p99LimitMillis, int receiveThreads,
                    int pacerThreads, Path mediaDir) {

        static Settings parse(Map<String, String> a) {
            int rooms = Integer.parseInt(a.getOrDefault("rooms", "2"));
            return new Settings(rooms, Integer.parseInt(a.getOrDefault("participants", "4")),
                    Integer.parseInt(a.getOrDefault("ramp-rooms", Integer.toString(rooms))),
                    Integer.parseInt(a.getOrDefault("max-rooms", Integer.toString(rooms))),
                    Double.parseDouble(a.getOrDefault("step-seconds", "10")),
                    Double.parseDouble(a.getOrDefault("settle-seconds", "3")),
                    Double.parseDouble(a.getOrDefault("loss-limit", "0.1")) / 100,
                    Double.parseDouble(a.getOrDefault("p99-limit-ms", "50")),
                    Integer.parseInt(a.getOrDefault("receive-threads", "2")),
                    Integer.parseInt(a.getOrDefault("pacer-threads", "1")),
                    Path.of(a.getOrDefault("media-dir", "bench/target/media")));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        Settings settings = Settings.parse(a);
        MediaFiles files = new MediaFiles(settings.mediaDir(), 10);
        Map<MediaClip.Kind, MediaClip> clips = Map.of(MediaClip.Kind.AUDIO, files.audio(),
                MediaClip.Kind.VIDEO, files.video());
        System.out.printf("bench: each participant sends VP8 %.0f pps %.2f Mbit/s + Opus %.0f pps; rooms of %d,"
                        + " %d to %d rooms (+%d a step), %.0f s windows, limits loss %.2f %% p99 %.1f ms%n",
                clips.get(MediaClip.Kind.VIDEO).packetsPerSecond(), clips.get(MediaClip.Kind.VIDEO).bitsPerSecond() / 1e6,
                clips.get(MediaClip.Kind.AUDIO).packetsPerSecond(), settings.participants(), settings.rooms(),
                settings.maxRooms(), settings.rampRooms(), settings.stepSeconds(), settings.lossLimit() * 100,
                settings.p99LimitMillis());
        List<Target> targets = new ArrayList<>();
        if (a.containsKey("hearth-url")) {
            // Several Hearth servers (e.g. 1 and 2 packet loops) come as comma-separated lists, one entry each.
            String[] urls = a.get("hearth-url").split(",");
            String[] passwords = a.get("admin-password").split(",");
            String[] pids = a.get("hearth-pid").split(",");
            String[] names = a.getOrDefault("hearth-name", "hearth").split(",");
            String token = a.get("metrics-token");
            for (int i = 0; i < urls.length; i++) {
                targets.add(new HearthTarget(names[i], URI.create(urls[i]), passwords[i], token,
                        Long.parseLong(pids[i])));
            }
        }
        if (a.containsKey("janus-url")) {
            targets.add(new dev.hearth.bench.janus.JanusTarget(URI.create(a.get("janus-url")),
                    Long.parseLong(a.get("janus-pid"))));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("name a server: --hearth-url URL --admin-password P --hearth-pid PID"
                    + " and/or --janus-url URL --janus-pid PID");
        }
        List<StepResult> all = new ArrayList<>();
        for (Target target : targets) {
            InetAddress local = InetAddress.getByName(a.getOrDefault(target.name() + "-local-ip", "127.0.0.1"));
            try (LoadContext context = new LoadContext(clips, local, settings.receiveThreads(),
                    settings.pacerThreads()); target) {
                all.addAll(ramp(target, context, settings));
            }
        }
        System.out.println();
        System.out.print(StepResult.header());
        for (StepResult r : all) {
            System.out.print(r.row());
        }
        System.out.println("fwd pps: packets the generator received, decrypted and matched to what a participant"
                + " sent; fwd/CPUs: per server CPU-second; µs/pkt: server CPU per forwarded packet; latency: sender"
                + " encrypt to receiver socket read; MiB/usr: RSS above the idle server, per participant;"
                + " gen CPU: the generator's own (100 % = one core); relay p99: the server's own count of time in"
                + " the relay, read to flush, as its histogram's bucket bound; loops %: each packet loop's share of"
                + " the forwarded packets.");
    }

    static List<StepResult> ramp(Target target, LoadContext context, Settings s) throws Exception {
        List<StepResult> results = new ArrayList<>();
        List<SyntheticParticipant> participants = new ArrayList<>();
        long baselineRss = ProcessUsage.of(target.pid()).rssBytes();
        int rooms = 0;
        try {
            for (int goal = s.rooms(); goal <= s.maxRooms(); goal += Math.max(1, s.rampRooms())) {
                while (rooms < goal) {
                    participants.addAll(target.openRoom(context, rooms, s.participants()));
                    rooms++;
                }
                Thread.sleep((long) (s.settleSeconds() * 1000));
                StepResult r = measure(target, rooms, s, participants, baselineRss);
                results.add(r);
                System.out.print(r.row());
                if (r.lossFraction() > s.lossLimit() || r.latency().quantileNanos(0.99) / 1e6 > s.p99LimitMillis()) {
                    System.out.printf("bench: %s past the limits at %d rooms; ramp stopped%n", target.name(), rooms);
                    break;
                }
                if (s.rampRooms() <= 0) {
                    break;
                }
            }
        } finally {
            target.closeRooms();
        }
        return results;
    }

    static StepResult measure(Target target, int rooms, Settings s, List<SyntheticParticipant> participants,
            long baselineRss) throws InterruptedException {
        for (SyntheticParticipant p : participants) {
            p.stats().snapshot(); // drop what arrived while settling
        }
        long sent0 = participants.stream().mapToLong(SyntheticParticipant::sent).sum();
        Optional<RelaySample> relay0 = target.relaySample();
        ProcessUsage server0 = ProcessUsage.of(target.pid());
        ProcessUsage self0 = ProcessUsage.self();
        long t0 = System.nanoTime();
        Thread.sleep((long) (s.stepSeconds() * 1000));
        List<ReceiverStats.Snapshot> snaps = new ArrayList<>();
        for (SyntheticParticipant p : participants) {
            snaps.add(p.stats().snapshot());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ProcessUsage server1 = ProcessUsage.of(target.pid());
        ProcessUsage self1 = ProcessUsage.self();
        RelaySample relay = relay0.flatMap(r0 -> target.relaySample().map(r1 -> r1.since(r0))).orElse(null);
        long sent = participants.stream().mapToLong(SyntheticParticipant::sent).sum() - sent0;
        return StepResult.of(target.name(), rooms, s.participants(), seconds, snaps,
                server1.cpuNanos() - server0.cpuNanos(), server1.rssBytes(), baselineRss,
                self1.cpuNanos() - self0.cpuNanos(), sent, relay);
    }

    static Map<String, String> arguments(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs: " + args[i]);
            }
            map.put(args[i].substring(2), args[++i]);
        }
        return map;
    }
}

package dev.hearth.bench;

import dev.hearth.bench.stats.LatencyHistogram;
import dev.hearth.bench.stats.ReceiverStats;
import dev.hearth.bench.stats.RelaySample;

import java.util.List;

/**
 * One measurement window of one server at one load: what the generator's participants received (and checked),
 * and what the server process and the generator spent meanwhile.
 */
public record StepResult(String server, int rooms, int participantsPerRoom, double seconds, long received,
                         long expected, int streams, int expectedStreams, long payloadMismatches, long rejected,
                         LatencyHistogram latency, long serverCpuNanos, long serverRssBytes, long baselineRssBytes,
                         long generatorCpuNanos, long sent, RelaySample relay) {

    /** @param relay the server's own counters over the window, or null when it exports none (Janus) */
    static StepResult of(String server, int rooms, int perRoom, double seconds, List<ReceiverStats.Snapshot> snaps,
            long serverCpuNanos, long serverRss, long baselineRss, long generatorCpuNanos, long sent,
            RelaySample relay) {
        long received = 0;
        long expected = 0;
        int streams = 0;
        long mismatches = 0;
        long rejected = 0;
        LatencyHistogram latency = new LatencyHistogram();
        for (ReceiverStats.Snapshot s : snaps) {
            received += s.received();
            expected += s.expected();
            streams += s.streams();
            mismatches += s.payloadMismatches();
            rejected += s.rejected();
            latency.add(s.latency());
        }
        int expectedStreams = rooms * perRoom * (perRoom - 1) * 2;
        return new StepResult(server, rooms, perRoom, seconds, received, expected, streams, expectedStreams,
                mismatches, rejected, latency, serverCpuNanos, serverRss, baselineRss, generatorCpuNanos, sent,
                relay);
    }

    public int participants() {
        return rooms * participantsPerRoom;
    }

    public double forwardedPerSecond() {
        return received / seconds;
    }

    /** Loss counted from packet numbers, plus a whole window's worth for every stream that never arrived. */
    public double lossFraction() {
        double perStream = streams == 0 ? 0 : expected / (double) streams;
        double missing = Math.max(0, expectedStreams - streams) * perStream;
        double should = expected + missing;
        return should == 0 ? (expectedStreams == 0 ? 0 : 1) : 1 - received / should;
    }

    public double serverMicrosPerPacket() {
        return received == 0 ? Double.NaN : serverCpuNanos / 1e3 / received;
    }

    public double serverCpuPercent() {
        return serverCpuNanos / (seconds * 1e9) * 100;
    }

    public double generatorCpuPercent() {
        return generatorCpuNanos / (seconds * 1e9) * 100;
    }

    public double memoryPerParticipantMiB() {
        return participants() == 0 ? 0 : (serverRssBytes - baselineRssBytes) / (double) participants() / (1 << 20);
    }

    static String header() {
        return String.format("%-8s %8s %5s %9s %9s %7s %7s %7s %8s %8s %7s %8s %7s %6s %9s %7s%n", "server",
                "rooms×M", "users", "fwd pps", "fwd/CPUs", "µs/pkt", "srv CPU", "p50 ms", "p99 ms", "max ms",
                "loss %", "RSS MiB", "MiB/usr", "gen CPU", "relay p99", "loops %");
    }

    String row() {
        return String.format("%-8s %8s %5d %9.0f %9.0f %7.1f %6.0f%% %7.2f %8.2f %8.1f %7.3f %8.0f %7.2f %5.0f%% %9s"
                        + " %7s%n",
                server, rooms + "×" + participantsPerRoom, participants(), forwardedPerSecond(),
                received / (serverCpuNanos / 1e9), serverMicrosPerPacket(), serverCpuPercent(),
                latency.quantileNanos(0.5) / 1e6, latency.quantileNanos(0.99) / 1e6, latency.maxNanos() / 1e6,
                lossFraction() * 100, serverRssBytes / (double) (1 << 20), memoryPerParticipantMiB(),
                generatorCpuPercent(), relayP99(), relay == null ? "-" : relay.loopSplit());
    }

    /** The server's own p99 time in relay as "≤ bound" (its histogram's resolution), or "-" without one. */
    private String relayP99() {
        if (relay == null) {
            return "-";
        }
        double bound = relay.quantileUpperBoundMillis(0.99);
        return Double.isNaN(bound) ? "-" : Double.isInfinite(bound) ? "> 250" : String.format("≤ %.2f", bound);
    }
}

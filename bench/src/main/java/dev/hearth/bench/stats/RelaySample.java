package dev.hearth.bench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Hearth server says about its own relay in one {@code /metrics} scrape: RTP packets forwarded by each
 * packet loop and the time-in-relay histogram (read to flush, summed over the loops). Two samples around a window
 * give that window's loop split and in-relay latency quantiles, counted by the server, next to what the
 * generator measured end to end.
 */
public record RelaySample(long[] forwardedPerLoop, double[] boundsSeconds, long[] cumulative) {

    private static final Pattern SAMPLE = Pattern.compile("^(hearth_relay_loop_forwarded_total|"
            + "hearth_relay_transit_packets_total)\\{([^}]*)} (\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    /** Parses the Prometheus text of {@code /metrics}; fails when the relay's series are missing. */
    public static RelaySample parse(String text) {
        Map<Integer, Long> forwarded = new TreeMap<>();
        Map<Double, Long> buckets = new TreeMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            long value = (long) Double.parseDouble(m.group(3));
            if (m.group(1).equals("hearth_relay_loop_forwarded_total")) {
                forwarded.merge(Integer.parseInt(labels.get("loop")), value, Long::sum);
            } else {
                String le = labels.get("le");
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value, Long::sum);
            }
        }
        if (forwarded.isEmpty() || buckets.isEmpty()) {
            throw new IllegalArgumentException("no relay loop or transit series in the scrape");
        }
        List<Double> bounds = new ArrayList<>(buckets.keySet());
        return new RelaySample(forwarded.values().stream().mapToLong(Long::longValue).toArray(),
                bounds.stream().mapToDouble(Double::doubleValue).toArray(),
                buckets.values().stream().mapToLong(Long::longValue).toArray());
    }

    /** What happened between {@code earlier} and this sample. */
    public RelaySample since(RelaySample earlier) {
        long[] forwarded = new long[forwardedPerLoop.length];
        for (int i = 0; i < forwarded.length; i++) {
            forwarded[i] = forwardedPerLoop[i] - (i < earlier.forwardedPerLoop.length ? earlier.forwardedPerLoop[i] : 0);
        }
        long[] counts = new long[cumulative.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulative[i] - earlier.cumulative[i];
        }
        return new RelaySample(forwarded, boundsSeconds, counts);
    }

    /**
     * The upper bound of the bucket holding quantile {@code q} of the timed packets, in milliseconds (a histogram
     * tells no more); infinite when it lies in the open last bucket, NaN when nothing was timed.
     */
    public double quantileUpperBoundMillis(double q) {
        long total = cumulative[cumulative.length - 1];
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= rank) {
                return boundsSeconds[i] * 1e3;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Each loop's share of the forwarded packets in percent, e.g. "51/49"; "-" when none were forwarded. */
    public String loopSplit() {
        long sum = 0;
        for (long f : forwardedPerLoop) {
            sum += f;
        }
        if (sum == 0) {
            return "-";
        }
        StringBuilder split = new StringBuilder();
        for (long f : forwardedPerLoop) {
            if (!split.isEmpty()) {
                split.append('/');
            }
            split.append(Math.round(f * 100.0 / sum));
        }
        return split.toString();
    }
}

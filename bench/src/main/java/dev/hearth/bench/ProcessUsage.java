package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory as Linux keeps them in {@code /proc/<pid>/stat} (user + system time,
 * in clock ticks of 1/100 s, the kernel's USER_HZ on every mainstream architecture) and {@code /proc/<pid>/status}
 * (VmRSS). Read for the server under load and for the generator itself, which shares the machine.
 */
public record ProcessUsage(long cpuNanos, long rssBytes) {

    private static final long NANOS_PER_TICK = 10_000_000L;

    public static ProcessUsage of(long pid) {
        return read(Path.of("/proc", Long.toString(pid)));
    }

    public static ProcessUsage self() {
        return read(Path.of("/proc/self"));
    }

    private static ProcessUsage read(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            long rss = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new ProcessUsage(ticks * NANOS_PER_TICK, rss);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + proc + " (is the process running?)", e);
        }
    }
}

package dev.hearth.signaling.metrics;

import dev.hearth.relay.dtls.DtlsFailure;
import dev.hearth.relay.recording.FileRecordingArchive;
import dev.hearth.relay.recording.RecorderStatistics;
import dev.hearth.relay.sfu.ForwardingCounter;
import dev.hearth.relay.sfu.ForwardingStatistics;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.DropReason;
import dev.hearth.relay.metrics.TransitHistogram;
import dev.hearth.relay.transport.LoopCounters;
import dev.hearth.relay.transport.RelayStatistics;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.signaling.room.Role;
import dev.hearth.signaling.room.RoomRegistry;
import dev.hearth.signaling.serial.RoomTurns;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code hearth_*} meter, bound to the counters the relay and the rooms already keep: nothing is counted
 * twice and nothing here runs per packet. {@link #sample()} reads the relay once (one hop to its packet loop for
 * the transport and forwarding counters) and the rooms once, then the scrape reads the meters from that sample.
 *
 * <p>Labels come only from closed enums (drop reason, forwarding event, DTLS failure, role, room state) and the
 * packet loop's index: never a room id, participant id, name or address, so a scrape can be handed to anyone who
 * runs the monitoring without handing them who was in therapy when.
 */
final class HearthMeters {

    private static final Logger log = LoggerFactory.getLogger(HearthMeters.class);
    /** Loop lag histogram buckets: a healthy loop stays in the first; tens of milliseconds are audible. */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(1000)};

    private final UdpMediaServer mediaServer;
    private final InProcessRelayControl relay;
    private final FileRecordingArchive recordings;
    private final RoomCensus census;
    private final List<Timer> loopLag = new ArrayList<>();
    private final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean
                    ? bean : null;

    private volatile RelayStatistics ports;
    private volatile ForwardingStatistics forwarding;
    private volatile RoomCensus.Counts rooms = RoomCensus.Counts.NONE;

    HearthMeters(MeterRegistry registry, UdpMediaServer mediaServer, InProcessRelayControl relay,
                 FileRecordingArchive recordings, RoomRegistry roomRegistry, RoomTurns turns) {
        this.mediaServer = mediaServer;
        this.relay = relay;
        this.recordings = recordings;
        this.census = new RoomCensus(roomRegistry, turns);
        bindRooms(registry);
        bindPorts(registry);
        bindForwarding(registry);
        bindRecordings(registry);
        bindProcess(registry);
        bindLoops(registry);
        for (int i = 0; i < mediaServer.eventLoops().size(); i++) {
            loopLag.add(Timer.builder("hearth.relay.loop.lag")
                    .description("How much later than scheduled the packet event loop ran a task")
                    .tag("loop", Integer.toString(i))
                    .serviceLevelObjectives(LAG_BUCKETS)
                    .register(registry));
        }
    }

    /** Reads the relay and the rooms once for the scrape that follows. */
    void sample() {
        rooms = census.take();
        try {
            ports = mediaServer.statistics();
            forwarding = relay.statistics();
        } catch (RuntimeException e) {
            // The relay is stopping: the scrape shows the last sample rather than failing.
            log.debug("metrics sample without the relay: {}", e.getClass().getSimpleName());
        }
    }

    /** The loop lag probe's observer; runs on the loop it measured. */
    void loopLag(int loop, long lagNanos) {
        if (loop < loopLag.size()) {
            loopLag.get(loop).record(lagNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void bindRooms(MeterRegistry registry) {
        for (RoomCensus.RoomState state : RoomCensus.RoomState.values()) {
            Gauge.builder("hearth.rooms", this, m -> m.rooms.rooms(state))
                    .description("Rooms on this server by state: idle (nobody admitted), live, ended")
                    .tag("state", label(state)).register(registry);
        }
        for (Role role : Role.values()) {
            Gauge.builder("hearth.participants", this, m -> m.rooms.participants(role))
                    .description("People admitted to a room that has not ended, by role")
                    .tag("role", label(role)).register(registry);
        }
        Gauge.builder("hearth.lobby.waiting", this, m -> m.rooms.waiting())
                .description("People waiting in a lobby to be admitted").register(registry);
        Gauge.builder("hearth.rooms.recording", this, m -> m.rooms.recording())
                .description("Rooms whose recording is being written now (every person present consents)")
                .register(registry);
    }

    private void bindPorts(MeterRegistry registry) {
        counter(registry, "hearth.relay.packets.received", "Datagrams the relay accepted: STUN, DTLS, SRTP, SRTCP",
                m -> m.ports == null ? 0 : m.ports.received());
        counter(registry, "hearth.relay.packets.sent", "SRTP and SRTCP datagrams the relay sent",
                m -> m.ports == null ? 0 : m.ports.sent());
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("hearth.relay.packets.dropped", this,
                            m -> m.ports == null ? 0 : m.ports.dropped(reason))
                    .description("Datagrams the relay dropped, by reason (srtp_auth_failed: a bad SRTP tag)")
                    .tag("reason", label(reason)).register(registry);
        }
        counter(registry, "hearth.relay.dtls.handshakes", "DTLS handshakes that produced SRTP keys",
                m -> m.ports == null ? 0 : m.ports.dtlsHandshakesCompleted());
        for (DtlsFailure failure : DtlsFailure.values()) {
            FunctionCounter.builder("hearth.relay.dtls.failures", this,
                            m -> m.ports == null ? 0 : m.ports.dtlsHandshakesFailed(failure))
                    .description("DTLS handshakes that failed, by failure")
                    .tag("failure", label(failure)).register(registry);
        }
        Gauge.builder("hearth.relay.transports", this, m -> m.ports == null ? 0 : m.ports.transports())
                .description("Open WebRTC transports (two per participant: publish and subscribe)").register(registry);
        Gauge.builder("hearth.relay.tcp.connections", this, m -> m.ports == null ? 0 : m.ports.tcpConnections())
                .description("Open ICE-TCP connections").register(registry);
        counter(registry, "hearth.relay.pipeline.exceptions", "Exceptions that reached the end of the packet pipeline",
                m -> m.mediaServer.pipelineExceptions());
    }

    private void bindForwarding(MeterRegistry registry) {
        for (ForwardingCounter counter : ForwardingCounter.values()) {
            FunctionCounter.builder("hearth.relay.forwarding", this,
                            m -> m.forwarding == null ? 0 : m.forwarding.count(counter))
                    .description("What happened on the forwarding path, one event per step outcome")
                    .tag("event", label(counter)).register(registry);
        }
        Gauge.builder("hearth.relay.rooms", this, m -> m.forwarding == null ? 0 : m.forwarding.rooms())
                .description("Rooms with media on the relay").register(registry);
        Gauge.builder("hearth.relay.participants", this, m -> m.forwarding == null ? 0 : m.forwarding.participants())
                .description("Participants with media on the relay").register(registry);
    }

    /**
     * What each packet loop carries, so an operator sees whether rooms spread over the cores. Read without a hop
     * (each value written by its own loop only), a moment stale at most.
     */
    private void bindLoops(MeterRegistry registry) {
        for (int i = 0; i < mediaServer.eventLoops().size(); i++) {
            int loop = i;
            String tag = Integer.toString(i);
            FunctionCounter.builder("hearth.relay.loop.routed", this, m -> m.loopCounters(loop).routed())
                    .description("Packets a loop delivered to the transports it owns").tag("loop", tag)
                    .register(registry);
            FunctionCounter.builder("hearth.relay.loop.handed.over", this, m -> m.loopCounters(loop).handedOut())
                    .description("Packets a loop's socket read for another loop's transport and handed over")
                    .tag("loop", tag).register(registry);
            FunctionCounter.builder("hearth.relay.loop.sent", this, m -> m.loopCounters(loop).sent())
                    .description("SRTP and SRTCP packets the transports of a loop sent").tag("loop", tag)
                    .register(registry);
            FunctionCounter.builder("hearth.relay.loop.forwarded", this, m -> m.relay.perLoopForwarded()[loop])
                    .description("RTP packets forwarded by the rooms of a loop").tag("loop", tag).register(registry);
            Gauge.builder("hearth.relay.loop.rooms", this, m -> m.relay.roomsPerLoop()[loop])
                    .description("Rooms living on a loop").tag("loop", tag).register(registry);
            bindTransit(registry, mediaServer.transitHistograms().get(loop), tag);
        }
    }

    /**
     * Time in the relay, read to flush, as cumulative bucket counts ({@code le} in seconds, as a Prometheus
     * histogram's buckets; {@code histogram_quantile} reads them). Counted by the loop itself, see TransitHistogram.
     */
    private void bindTransit(MeterRegistry registry, TransitHistogram transit, String loopTag) {
        double[] bounds = TransitHistogram.boundsSeconds();
        for (int b = 0; b <= bounds.length; b++) {
            int bucket = b;
            String le = b == bounds.length ? "+Inf" : BigDecimal.valueOf(bounds[b]).toPlainString();
            FunctionCounter.builder("hearth.relay.transit.packets", transit, t -> t.cumulative(bucket))
                    .description("Forwarded packets by how long they spent in the relay, from the read of the"
                            + " datagram that caused them to the flush that handed them to the kernel")
                    .tag("loop", loopTag).tag("le", le).register(registry);
        }
    }

    private LoopCounters loopCounters(int loop) {
        return mediaServer.loopCounters().get(loop);
    }

    private void bindRecordings(MeterRegistry registry) {
        RecorderStatistics statistics = recordings.statistics();
        FunctionCounter.builder("hearth.recording.written", statistics, RecorderStatistics::bytesWritten)
                .description("Encrypted recording bytes written to disk").baseUnit("bytes").register(registry);
        FunctionCounter.builder("hearth.recording.pauses", statistics, RecorderStatistics::pauses)
                .description("Recording pauses written (a consent withdrawn or a newcomer without consent)")
                .register(registry);
        FunctionCounter.builder("hearth.recording.resumes", statistics, RecorderStatistics::resumes)
                .description("Recording starts and resumptions written").register(registry);
        FunctionCounter.builder("hearth.recordings.started", statistics, RecorderStatistics::started)
                .description("Recordings created").register(registry);
        FunctionCounter.builder("hearth.recordings.stopped", statistics, RecorderStatistics::stopped)
                .description("Recordings finalised").register(registry);
        FunctionCounter.builder("hearth.recording.packets.dropped", statistics, RecorderStatistics::droppedPackets)
                .description("Packets the recorder dropped because its writer fell behind").register(registry);
        Gauge.builder("hearth.recordings.open", recordings, FileRecordingArchive::openRecordings)
                .description("Recordings open now, writing or paused").register(registry);
    }

    /**
     * The server's own CPU time, so a dashboard can put CPU per forwarded packet beside the packet rates. The bean
     * is held here: Micrometer keeps only a weak reference to a meter's state object.
     */
    private void bindProcess(MeterRegistry registry) {
        if (os != null) {
            FunctionCounter.builder("hearth.process.cpu", this, m -> m.os.getProcessCpuTime() / 1e9)
                    .description("CPU time this server process has used").baseUnit("seconds").register(registry);
        }
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<HearthMeters> f) {
        FunctionCounter.builder(name, this, f).description(description).register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dev.hearth.relay.sfu;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.relay.RelayListener;
import dev.hearth.relay.recording.Recorder;
import dev.hearth.relay.recording.RecordingException;
import dev.hearth.relay.recording.RecordingSession;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.SdpException;
import dev.hearth.relay.sdp.SdpParser;
import dev.hearth.relay.sdp.SessionDescription;
import dev.hearth.relay.transport.TransportFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RelayControl} for a relay in the same JVM. Each room lives on one of the transport factory's packet loops
 * (the least busy one when the room first appears), with a {@link Forwarder} of that loop's own: all of the room's
 * transports are created on that loop, so forwarding never crosses threads, and rooms on different loops run in
 * parallel. Every call hops onto its room's loop and waits there for its effect: when {@link #setAudioMuted} or
 * {@link #closeParticipant} returns, the packet path already behaves accordingly. Offer and answer parsing happens on
 * the caller's thread to keep the loops free. Listener callbacks go out on a separate event thread, so a listener may
 * call straight back in.
 *
 * <p>A timer posts a tick to every loop every {@value #TICK_MILLIS} ms for congestion feedback, receiver reports and
 * rate-limited key frame requests.
 */
public final class InProcessRelayControl implements RelayControl, AutoCloseable {
    static final long TICK_MILLIS = 50;
    private static final long CALL_TIMEOUT_SECONDS = 5;
    /** A pause or stop waits for its chunk to reach the disk; a sick disk must not hang signaling forever. */
    private static final long FLUSH_TIMEOUT_SECONDS = 10;
    /** A room closed and reopened while a call was on its way may be placed again; that call then follows it. */
    private static final int PLACEMENT_ATTEMPTS = 4;
    private static final Object MOVED = new Object();
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRelayControl.class);

    private final TransportFactory transports;
    private final Shard[] shards;
    /** Which loop each room lives on; written when a room appears or goes, read by every call. */
    private final Map<String, Shard> placement = new ConcurrentHashMap<>();
    private final Executor notifier;
    private final ExecutorService ownedNotifier;
    private final ScheduledExecutorService ticker;
    private final LongSupplier clock;
    private final Recorder recorder;
    private final SecureRandom random = new SecureRandom();
    private final RouterEvents events = new ListenerEvents();
    private volatile RelayListener listener = RelayListener.NONE;

    /** A relay that cannot record: the recording calls fail with {@code recording-unavailable}. */
    public InProcessRelayControl(TransportFactory transports) {
        this(transports, null);
    }

    /** @param recorder where recordings go; null for a relay that cannot record */
    public InProcessRelayControl(TransportFactory transports, Recorder recorder) {
        this(transports, System::nanoTime, null, true, recorder);
    }

    InProcessRelayControl(TransportFactory transports, LongSupplier clock, Executor notifier, boolean ticking) {
        this(transports, clock, notifier, ticking, null);
    }

    /**
     * @param notifier where listener callbacks run; null for a private single thread
     * @param ticking  whether to schedule ticks; tests drive {@link #tick()} themselves instead
     */
    InProcessRelayControl(TransportFactory transports, LongSupplier clock, Executor notifier, boolean ticking,
            Recorder recorder) {
        this.transports = Objects.requireNonNull(transports, "transports");
        this.recorder = recorder;
        this.clock = clock;
        int loops = Math.max(1, transports.loopCount());
        this.shards = new Shard[loops];
        for (int i = 0; i < loops; i++) {
            shards[i] = new Shard(i, transports.packetLoop(i), new Forwarder(clock));
        }
        if (notifier == null) {
            this.ownedNotifier = Executors.newSingleThreadExecutor(daemon("hearth-relay-events"));
            this.notifier = ownedNotifier;
        } else {
            this.ownedNotifier = null;
            this.notifier = notifier;
        }
        if (ticking) {
            ticker = Executors.newSingleThreadScheduledExecutor(daemon("hearth-relay-ticker"));
            ticker.scheduleAtFixedRate(this::postTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public String publish(String roomId, String participantId, String offerSdp) {
        requireIds(roomId, participantId);
        PublishOffer offer;
        try {
            offer = PublishOffer.parse(Objects.requireNonNull(offerSdp, "offerSdp"), RelayCapabilities.standard());
        } catch (SdpException e) {
            throw new RelayException(RelayException.BAD_SDP, e.getMessage(), e);
        }
        return inRoom(roomId, true, (shard, router) -> router.publish(participantId, offer));
    }

    @Override
    public String subscribeOffer(String roomId, String participantId, boolean iceRestart) {
        requireIds(roomId, participantId);
        return inRoom(roomId, true, (shard, router) -> router.subscribeOffer(participantId, iceRestart));
    }

    @Override
    public void subscribeAnswer(String roomId, String participantId, String answerSdp) {
        requireIds(roomId, participantId);
        Objects.requireNonNull(answerSdp, "answerSdp");
        // The text is parsed here, once; the loop only checks it against the offer it answers.
        SessionDescription parsed = null;
        SdpException failure = null;
        try {
            parsed = SdpParser.parse(answerSdp);
        } catch (SdpException e) {
            failure = e;
        }
        SessionDescription answer = parsed;
        SdpException parseFailure = failure;
        inRoom(roomId, false, (shard, router) -> {
            existing(router).subscribeAnswer(participantId, answer, parseFailure);
            return null;
        });
    }

    @Override
    public void setAudioMuted(String roomId, String participantId, boolean muted) {
        requireIds(roomId, participantId);
        inRoom(roomId, false, (shard, router) -> {
            existing(router).setAudioMuted(participantId, muted);
            return null;
        });
    }

    @Override
    public void setHeld(String roomId, String participantId, boolean held) {
        requireIds(roomId, participantId);
        inRoom(roomId, false, (shard, router) -> {
            existing(router).setHeld(participantId, held);
            return null;
        });
    }

    @Override
    public void closeParticipant(String roomId, String participantId) {
        requireIds(roomId, participantId);
        inRoom(roomId, false, (shard, router) -> {
            if (router != null) {
                router.closeParticipant(participantId);
                // An open recording keeps the room: consent, not attendance, ends it.
                if (router.isEmpty() && router.recording() == null) {
                    shard.forget(roomId);
                }
            }
            return null;
        });
    }

    @Override
    public void closeRoom(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        CompletableFuture<Void> stopped = inRoom(roomId, false, (shard, router) -> {
            if (router == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            shard.forget(roomId);
            CompletableFuture<Void> finalised = stopOpenRecording(router);
            router.close();
            return finalised;
        });
        awaitDisk(stopped);
    }

    @Override
    public void startRecording(String roomId, String recordingId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(recordingId, "recordingId");
        if (recorder == null) {
            throw new RecordingException(RecordingException.UNAVAILABLE, "this relay has no recorder");
        }
        // Starting the room's open recording again only resumes it; another id while one is open is refused
        // before any file exists. Files are created off the loop.
        RecordingTap current = inRoom(roomId, false, (shard, router) -> router == null ? null : router.openRecording());
        if (current != null && current.recordingId().equals(recordingId)) {
            resumeRecording(roomId, recordingId);
            return;
        }
        if (current != null) {
            throw new RecordingException(RecordingException.CONFLICT, "the room already has an open recording");
        }
        RecordingSession session = recorder.create(roomId, recordingId);
        CompletableFuture<Void> started;
        try {
            started = inRoom(roomId, true, (shard, router) -> {
                RecordingTap tap = new RecordingTap(recordingId, session);
                router.attachRecording(tap);
                tap.setWriting(true);
                router.requestRecordingKeyframes();
                return session.resume(clock.getAsLong());
            });
        } catch (RuntimeException e) {
            // Nothing will ever write into it (a start raced another): finalise the empty recording, not leave it open.
            session.stop(clock.getAsLong()).exceptionally(failure -> null).join();
            throw e;
        }
        awaitDisk(started);
    }

    @Override
    public void pauseRecording(String roomId, String recordingId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(recordingId, "recordingId");
        // The flag flips on the loop, so no packet that arrives after this returns is queued for the writer.
        CompletableFuture<Void> paused = inRoom(roomId, false, (shard, router) -> {
            RecordingTap tap = router == null ? null : router.recordingFor(recordingId);
            if (tap == null || !tap.isWriting()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            tap.setWriting(false);
            return tap.session().pause(clock.getAsLong());
        });
        awaitDisk(paused);
    }

    @Override
    public void resumeRecording(String roomId, String recordingId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(recordingId, "recordingId");
        CompletableFuture<Void> resumed = inRoom(roomId, false, (shard, router) -> {
            RecordingTap tap = router == null ? null : router.recordingFor(recordingId);
            if (tap == null) {
                throw new RecordingException(RecordingException.NOT_FOUND, "the room has no such open recording");
            }
            if (tap.isWriting()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            tap.setWriting(true);
            router.requestRecordingKeyframes();
            return tap.session().resume(clock.getAsLong());
        });
        awaitDisk(resumed);
    }

    @Override
    public void stopRecording(String roomId, String recordingId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(recordingId, "recordingId");
        CompletableFuture<Void> stopped = inRoom(roomId, false, (shard, router) -> {
            RecordingTap tap = router == null ? null : router.detachRecording(recordingId);
            if (tap == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (router.isEmpty()) {
                shard.forget(roomId);
            }
            return tap.session().stop(clock.getAsLong());
        });
        awaitDisk(stopped);
    }

    @Override
    public void setListener(RelayListener listener) {
        this.listener = listener == null ? RelayListener.NONE : listener;
    }

    /** A forwarding counter summed over the packet loops, each read on its loop; for metrics and tests. */
    public long counter(ForwardingCounter counter) {
        long total = 0;
        for (Shard shard : shards) {
            total += onLoop(shard, () -> shard.forwarder.counter(counter));
        }
        return total;
    }

    /**
     * RTP packets forwarded by each packet loop, by loop index. Read without hopping onto the loops, so a value may
     * be a moment stale; for metrics and for checking that the loops share the work.
     */
    public long[] perLoopForwarded() {
        long[] forwarded = new long[shards.length];
        for (int i = 0; i < shards.length; i++) {
            forwarded[i] = shards[i].forwarder.counter(ForwardingCounter.RTP_FORWARDED);
        }
        return forwarded;
    }

    /** Rooms living on each packet loop, by loop index. */
    public int[] roomsPerLoop() {
        int[] rooms = new int[shards.length];
        for (int i = 0; i < shards.length; i++) {
            rooms[i] = shards[i].placed.get();
        }
        return rooms;
    }

    /** The forwarding counters, rooms and participants, summed over the packet loops (one hop to each); for metrics. */
    public ForwardingStatistics statistics() {
        long[] counters = new long[ForwardingCounter.ALL.length];
        int rooms = 0;
        int participants = 0;
        for (Shard shard : shards) {
            ForwardingStatistics part = onLoop(shard, () -> {
                int people = 0;
                for (Router router : shard.rooms.values()) {
                    people += router.participantCount();
                }
                return new ForwardingStatistics(shard.forwarder.counters(), shard.rooms.size(), people);
            });
            for (ForwardingCounter counter : ForwardingCounter.ALL) {
                counters[counter.ordinal()] += part.count(counter);
            }
            rooms += part.rooms();
            participants += part.participants();
        }
        return new ForwardingStatistics(counters, rooms, participants);
    }

    /** Stops the timer and the event thread, finalises open recordings and closes every room. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        try {
            List<CompletableFuture<Void>> recordings = new ArrayList<>();
            for (Shard shard : shards) {
                recordings.add(onLoop(shard, () -> {
                    List<CompletableFuture<Void>> open = new ArrayList<>();
                    for (Map.Entry<String, Router> room : List.copyOf(shard.rooms.entrySet())) {
                        open.add(stopOpenRecording(room.getValue()));
                        room.getValue().close();
                        shard.forget(room.getKey());
                    }
                    return CompletableFuture.allOf(open.toArray(CompletableFuture[]::new));
                }));
            }
            awaitDisk(CompletableFuture.allOf(recordings.toArray(CompletableFuture[]::new)));
        } finally {
            if (ownedNotifier != null) {
                ownedNotifier.shutdown();
            }
        }
    }

    /** One round of periodic work on every loop; tests with inline loops call it directly. */
    void tick() {
        for (Shard shard : shards) {
            shard.tick();
        }
    }

    private void postTick() {
        for (Shard shard : shards) {
            try {
                shard.loop.execute(shard::tick);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down; the next close() stops the timer.
            }
        }
    }

    /** Runs on the loop: a room that goes away finalises its recording first. */
    private CompletableFuture<Void> stopOpenRecording(Router router) {
        RecordingTap tap = router.recording();
        if (tap == null) {
            return CompletableFuture.completedFuture(null);
        }
        router.detachRecording(tap.recordingId());
        return tap.session().stop(clock.getAsLong());
    }

    /** Waits, off the loop, until the writer has forced a mark's chunk to disk. */
    private static void awaitDisk(CompletableFuture<Void> flushed) {
        try {
            flushed.get(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecordingException recording) {
                throw recording;
            }
            throw new RecordingException(RecordingException.IO, "the recording could not be written", cause);
        } catch (TimeoutException e) {
            throw new RecordingException(RecordingException.IO, "the recording did not reach the disk in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingException(RecordingException.IO, "interrupted while the recording was flushed", e);
        }
    }

    private static Router existing(Router router) {
        if (router == null) {
            throw new RelayException(RelayException.UNKNOWN_ROOM, "the room has no media on this relay");
        }
        return router;
    }

    /** The loop with the fewest rooms takes a new one. */
    private Shard leastLoaded() {
        Shard best = shards[0];
        for (Shard shard : shards) {
            if (shard.placed.get() < best.placed.get()) {
                best = shard;
            }
        }
        return best;
    }

    /**
     * Runs {@code work} on the loop of room {@code roomId} with its router, creating both when {@code create}; without
     * {@code create} an unknown room gives a null router (and the work runs on the caller's thread, touching no loop
     * state). Placement is checked again on the loop: a call that raced the room's removal follows the room to
     * wherever it was placed anew.
     */
    @SuppressWarnings("unchecked")
    private <T> T inRoom(String roomId, boolean create, RoomWork<T> work) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            Shard shard = create ? placement.computeIfAbsent(roomId, id -> {
                Shard chosen = leastLoaded();
                chosen.placed.incrementAndGet();
                return chosen;
            }) : placement.get(roomId);
            if (shard == null) {
                return work.run(null, null);
            }
            Object result = onLoop(shard, () -> {
                if (placement.get(roomId) != shard) {
                    return MOVED;
                }
                Router router = shard.rooms.get(roomId);
                if (router == null && create) {
                    router = new Router(roomId, transports, shard.index, shard.forwarder, events, random);
                    shard.rooms.put(roomId, router);
                }
                return work.run(shard, router);
            });
            if (result != MOVED) {
                return (T) result;
            }
        }
        throw new RelayException(RelayException.UNAVAILABLE, "the room kept moving between packet loops");
    }

    /**
     * Runs {@code work} on the shard's loop and waits for it. Called on the loop itself (e.g. from a test double that
     * runs tasks inline, or re-entrantly) it simply runs.
     */
    private <T> T onLoop(Shard shard, Supplier<T> work) {
        if (Thread.currentThread() == shard.thread) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            shard.loop.execute(() -> {
                Thread previous = shard.thread;
                shard.thread = Thread.currentThread();
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    shard.thread = previous;
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RelayException(RelayException.UNAVAILABLE, "the relay's packet loop is shut down", e);
        }
        try {
            return result.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RelayException(RelayException.UNAVAILABLE, "relay call failed", cause);
        } catch (TimeoutException e) {
            throw new RelayException(RelayException.UNAVAILABLE, "the relay did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException(RelayException.UNAVAILABLE, "interrupted while waiting for the relay", e);
        }
    }

    /** Work on one room, on its loop; {@code shard} and {@code router} are null for a room that does not exist. */
    @FunctionalInterface
    private interface RoomWork<T> {
        T run(Shard shard, Router router);
    }

    /** One packet loop's share of the relay: its rooms (touched only on that loop) and its forwarder. */
    private final class Shard {
        final int index;
        final Executor loop;
        final Forwarder forwarder;
        final Map<String, Router> rooms = new HashMap<>();
        /** Rooms placed here, counted off the loop for placement. */
        final AtomicInteger placed = new AtomicInteger();
        volatile Thread thread;

        Shard(int index, Executor loop, Forwarder forwarder) {
            this.index = index;
            this.loop = loop;
            this.forwarder = forwarder;
        }

        /** On the loop: the room is gone from here, and from the placement, so it may appear anywhere next time. */
        void forget(String roomId) {
            rooms.remove(roomId);
            if (placement.remove(roomId, this)) {
                placed.decrementAndGet();
            }
        }

        void tick() {
            long now = clock.getAsLong();
            for (Router router : rooms.values()) {
                router.tick(now);
            }
        }
    }

    private static void requireIds(String roomId, String participantId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(participantId, "participantId");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Hands router events to the listener on the event thread, never blocking the loop. */
    private final class ListenerEvents implements RouterEvents {
        @Override
        public void renegotiationNeeded(String roomId, String participantId) {
            dispatch(() -> listener.onRenegotiationNeeded(roomId, participantId));
        }

        @Override
        public void transportClosed(String roomId, String participantId, String reason) {
            dispatch(() -> listener.onTransportClosed(roomId, participantId, reason));
        }

        private void dispatch(Runnable callback) {
            try {
                notifier.execute(() -> {
                    try {
                        callback.run();
                    } catch (RuntimeException e) {
                        LOG.warn("event=relay_listener_failed error={}", e.getClass().getSimpleName());
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("event=relay_listener_dropped reason=shutdown");
            }
        }
    }
}

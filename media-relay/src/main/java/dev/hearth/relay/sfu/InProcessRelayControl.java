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
import dev.hearth.relay.transport.TransportFactory;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RelayControl} for a relay in the same JVM. Every call hops onto the transport factory's packet loop, where
 * all rooms live, and waits there for its effect: when {@link #setAudioMuted} or {@link #closeParticipant} returns,
 * the packet path already behaves accordingly. Offer parsing happens on the caller's thread to keep the loop free.
 * Listener callbacks go out on a separate event thread, so a listener may call straight back in.
 *
 * <p>A timer posts a tick to the loop every {@value #TICK_MILLIS} ms for congestion feedback, receiver reports and
 * rate-limited key frame requests.
 */
public final class InProcessRelayControl implements RelayControl, AutoCloseable {
    static final long TICK_MILLIS = 50;
    private static final long CALL_TIMEOUT_SECONDS = 5;
    /** A pause or stop waits for its chunk to reach the disk; a sick disk must not hang signaling forever. */
    private static final long FLUSH_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRelayControl.class);

    private final TransportFactory transports;
    private final Executor loop;
    private final Executor notifier;
    private final ExecutorService ownedNotifier;
    private final ScheduledExecutorService ticker;
    private final Forwarder forwarder;
    private final LongSupplier clock;
    private final Recorder recorder;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Router> rooms = new HashMap<>();
    private final RouterEvents events = new ListenerEvents();
    private volatile RelayListener listener = RelayListener.NONE;
    private volatile Thread loopThread;

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
        this.loop = transports.packetLoop();
        this.clock = clock;
        this.forwarder = new Forwarder(clock);
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
        return onLoop(() -> room(roomId, true).publish(participantId, offer));
    }

    @Override
    public String subscribeOffer(String roomId, String participantId, boolean iceRestart) {
        requireIds(roomId, participantId);
        return onLoop(() -> room(roomId, true).subscribeOffer(participantId, iceRestart));
    }

    @Override
    public void subscribeAnswer(String roomId, String participantId, String answerSdp) {
        requireIds(roomId, participantId);
        Objects.requireNonNull(answerSdp, "answerSdp");
        onLoop(() -> {
            room(roomId, false).subscribeAnswer(participantId, answerSdp);
            return null;
        });
    }

    @Override
    public void setAudioMuted(String roomId, String participantId, boolean muted) {
        requireIds(roomId, participantId);
        onLoop(() -> {
            room(roomId, false).setAudioMuted(participantId, muted);
            return null;
        });
    }

    @Override
    public void setHeld(String roomId, String participantId, boolean held) {
        requireIds(roomId, participantId);
        onLoop(() -> {
            room(roomId, false).setHeld(participantId, held);
            return null;
        });
    }

    @Override
    public void closeParticipant(String roomId, String participantId) {
        requireIds(roomId, participantId);
        onLoop(() -> {
            Router router = rooms.get(roomId);
            if (router != null) {
                router.closeParticipant(participantId);
                // An open recording keeps the room: consent, not attendance, ends it.
                if (router.isEmpty() && router.recording() == null) {
                    rooms.remove(roomId);
                }
            }
            return null;
        });
    }

    @Override
    public void closeRoom(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        CompletableFuture<Void> stopped = onLoop(() -> {
            Router router = rooms.remove(roomId);
            if (router == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
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
        RecordingTap current = onLoop(() -> {
            Router router = rooms.get(roomId);
            return router == null ? null : router.openRecording();
        });
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
            started = onLoop(() -> {
                Router router = room(roomId, true);
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
        CompletableFuture<Void> paused = onLoop(() -> {
            RecordingTap tap = openRecording(roomId, recordingId);
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
        CompletableFuture<Void> resumed = onLoop(() -> {
            RecordingTap tap = openRecording(roomId, recordingId);
            if (tap == null) {
                throw new RecordingException(RecordingException.NOT_FOUND, "the room has no such open recording");
            }
            if (tap.isWriting()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            tap.setWriting(true);
            rooms.get(roomId).requestRecordingKeyframes();
            return tap.session().resume(clock.getAsLong());
        });
        awaitDisk(resumed);
    }

    @Override
    public void stopRecording(String roomId, String recordingId) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(recordingId, "recordingId");
        CompletableFuture<Void> stopped = onLoop(() -> {
            Router router = rooms.get(roomId);
            RecordingTap tap = router == null ? null : router.detachRecording(recordingId);
            if (tap == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (router.isEmpty()) {
                rooms.remove(roomId);
            }
            return tap.session().stop(clock.getAsLong());
        });
        awaitDisk(stopped);
    }

    @Override
    public void setListener(RelayListener listener) {
        this.listener = listener == null ? RelayListener.NONE : listener;
    }

    /** A forwarding counter, read on the packet loop; for metrics and tests. */
    public long counter(ForwardingCounter counter) {
        return onLoop(() -> forwarder.counter(counter));
    }

    /** Stops the timer and the event thread, finalises open recordings and closes every room. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        try {
            CompletableFuture<Void> stopped = onLoop(() -> {
                List<CompletableFuture<Void>> recordings = new java.util.ArrayList<>();
                for (Router router : List.copyOf(rooms.values())) {
                    recordings.add(stopOpenRecording(router));
                    router.close();
                }
                rooms.clear();
                return CompletableFuture.allOf(recordings.toArray(CompletableFuture[]::new));
            });
            awaitDisk(stopped);
        } finally {
            if (ownedNotifier != null) {
                ownedNotifier.shutdown();
            }
        }
    }

    /** One round of periodic work; runs on the packet loop. */
    void tick() {
        long now = clock.getAsLong();
        for (Router router : rooms.values()) {
            router.tick(now);
        }
    }

    private void postTick() {
        try {
            loop.execute(this::tick);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down; the next close() stops the timer.
        }
    }

    /** Runs on the loop. */
    private RecordingTap openRecording(String roomId, String recordingId) {
        Router router = rooms.get(roomId);
        return router == null ? null : router.recordingFor(recordingId);
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

    private Router room(String roomId, boolean create) {
        Router router = rooms.get(roomId);
        if (router == null) {
            if (!create) {
                throw new RelayException(RelayException.UNKNOWN_ROOM, "the room has no media on this relay");
            }
            router = new Router(roomId, transports, forwarder, events, random);
            rooms.put(roomId, router);
        }
        return router;
    }

    /**
     * Runs {@code work} on the packet loop and waits for it. Called on the loop itself (e.g. from a test double that
     * runs tasks inline, or re-entrantly) it simply runs.
     */
    private <T> T onLoop(Supplier<T> work) {
        if (Thread.currentThread() == loopThread) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                Thread previous = loopThread;
                loopThread = Thread.currentThread();
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                } finally {
                    loopThread = previous;
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

package dev.hearth.bench;

import dev.hearth.bench.media.MediaClip;
import dev.hearth.bench.media.StreamSender;
import dev.hearth.bench.media.Trailer;
import dev.hearth.bench.net.ClientTransport;
import dev.hearth.bench.net.SdpText;
import dev.hearth.bench.stats.ReceiverStats;
import dev.hearth.relay.dtls.DtlsCertificate;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The media half of one synthetic participant, whatever server it talks to: an ECDSA identity (one per
 * participant, as a browser tab has), a publish transport with an Opus and a VP8 sender, any number of
 * receiving transports, all feeding one {@link ReceiverStats}, and consent refreshes every 5 s on each.
 */
public final class SyntheticParticipant implements AutoCloseable {

    private static final long CONSENT_SECONDS = 5;

    private final LoadContext context;
    private final int number;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final ReceiverStats stats;
    private final ClientTransport publish;
    private final List<ClientTransport> receiving = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
    private final long audioSsrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private final long videoSsrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private final StreamSender audio;
    private final StreamSender video;

    public SyntheticParticipant(LoadContext context) throws IOException {
        this.context = context;
        this.number = context.newParticipantNumber();
        this.stats = new ReceiverStats(number, context.clips());
        this.publish = newTransport();
        this.audio = new StreamSender(context.clip(MediaClip.Kind.AUDIO), publish,
                Trailer.streamId(number, MediaClip.Kind.AUDIO), SdpText.OPUS_PT, audioSsrc, SdpText.MID_EXTENSION_ID,
                '0');
        this.video = new StreamSender(context.clip(MediaClip.Kind.VIDEO), publish,
                Trailer.streamId(number, MediaClip.Kind.VIDEO), SdpText.VP8_PT, videoSsrc, SdpText.MID_EXTENSION_ID,
                '1');
        tasks.add(context.timers().scheduleAtFixedRate(this::refreshConsent, CONSENT_SECONDS, CONSENT_SECONDS,
                TimeUnit.SECONDS));
    }

    public int number() {
        return number;
    }

    /** A name for signaling, unique within the run. */
    public String streamName() {
        return "bench" + number;
    }

    public ReceiverStats stats() {
        return stats;
    }

    public ClientTransport publishTransport() {
        return publish;
    }

    /** The publish offer, DTLS role {@code actpass} (as browsers offer) or {@code active}. */
    public String publishOffer(String setup) {
        return SdpText.publishOffer(publish, audioSsrc, videoSsrc, streamName(), setup);
    }

    public long audioSsrc() {
        return audioSsrc;
    }

    public long videoSsrc() {
        return videoSsrc;
    }

    /** A new transport to receive on, its packets counted in this participant's stats. */
    public ClientTransport newReceivingTransport() throws IOException {
        ClientTransport t = newTransport();
        receiving.add(t);
        return t;
    }

    private ClientTransport newTransport() throws IOException {
        return new ClientTransport(context.nextLoop(), context.localAddress(), certificate, stats);
    }

    /** Starts both senders at a random phase, so a room's participants do not send their frames in lockstep. */
    public void startPublishing() {
        for (StreamSender sender : List.of(audio, video)) {
            long period = sender.clip().frameIntervalNanos();
            long phase = ThreadLocalRandom.current().nextLong(period);
            tasks.add(context.pacer().scheduleAtFixedRate(sender::sendFrame, phase, period, TimeUnit.NANOSECONDS));
        }
    }

    /** Packets handed to the publish socket so far. */
    public long sent() {
        return audio.sent() + video.sent();
    }

    public long unsent() {
        return audio.unsent() + video.unsent();
    }

    public List<ClientTransport> receivingTransports() {
        return List.copyOf(receiving);
    }

    private void refreshConsent() {
        publish.refreshConsent();
        for (ClientTransport t : receiving) {
            t.refreshConsent();
        }
    }

    @Override
    public void close() {
        for (ScheduledFuture<?> task : tasks) {
            task.cancel(false);
        }
        publish.close();
        for (ClientTransport t : receiving) {
            t.close();
        }
    }
}

package dev.hearth.relay.sfu;

import dev.hearth.relay.rtcp.FullIntraRequest;
import dev.hearth.relay.rtcp.GenericNack;
import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.rtcp.ReceiverReport;
import dev.hearth.relay.rtcp.ReportBlock;
import dev.hearth.relay.rtcp.RtcpCompoundIterator;
import dev.hearth.relay.rtcp.RtcpFeedback;
import dev.hearth.relay.rtcp.RtcpHeader;
import dev.hearth.relay.rtcp.SenderReport;
import dev.hearth.relay.rtcp.SourceDescription;
import dev.hearth.relay.rtp.MediaId;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.RtxPacket;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.sdp.HeaderExtension;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.transport.MediaTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The per-packet path of the relay, shared by every room on one packet loop. Each incoming packet goes through a
 * short list of steps, each of which may drop it and count why (see {@link ForwardingCounter}):
 *
 * <pre>
 * publisher RTP:  parse -> record transport-wide arrival -> find producer -> restore RTX -> admit (mute, payload type)
 *                 -> remember (statistics, cache) -> record (while the room records)
 *                 -> for each consumer: rewrite into the subscriber transport's send buffer, send
 * subscriber RTCP: PLI/FIR -> key frame request (rate limited); NACK -> retransmit from cache; the rest is consumed
 * publisher RTCP:  SR -> statistics and a rewritten SR per consumer; the rest is consumed
 * tick:            transport-wide CC feedback, receiver reports, due key frame requests, NACKs for upstream gaps
 * </pre>
 *
 * Scratch buffers and packet views are reused, so forwarding allocates nothing. Not thread-safe: one per loop.
 */
final class Forwarder {
    /** Room for the largest UDP payload a browser sends plus the rebuilt extension block and the SRTP tag. */
    static final int SCRATCH_BYTES = 2048;
    static final long RECEIVER_REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private static final int DOWNSTREAM_MID_ID = ownId(MediaKind.VIDEO, RelayCapabilities.EXT_MID);
    private static final int DOWNSTREAM_AUDIO_LEVEL_ID = ownId(MediaKind.AUDIO, RelayCapabilities.EXT_AUDIO_LEVEL);

    private final LongSupplier clock;
    private final long[] counters = new long[ForwardingCounter.ALL.length];
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final byte[] rtxScratch = new byte[SCRATCH_BYTES];
    private final byte[] rtcpScratch = new byte[1500];
    private final RtpPacket packet = new RtpPacket();
    private final RtpPacket cached = new RtpPacket();
    private final RtpPacket rewritten = new RtpPacket();
    private final RtcpCompoundIterator rtcp = new RtcpCompoundIterator();
    private final IntConsumer retransmitter = this::retransmit;
    private final ConsumerPacket consumerPacket = new ConsumerPacket();
    private Consumer nackTarget;
    private MediaTransport feedbackTransport;
    private final IntConsumer feedbackSink = length -> {
        if (feedbackTransport.sendRtcp(rtcpScratch, 0, length)) {
            count(ForwardingCounter.TRANSPORT_CC_FEEDBACK_SENT);
        }
    };

    Forwarder(LongSupplier clock) {
        this.clock = clock;
    }

    long nowNanos() {
        return clock.getAsLong();
    }

    long counter(ForwardingCounter counter) {
        return counters[counter.ordinal()];
    }

    /** Every counter at once, indexed by ordinal; a copy. */
    long[] counters() {
        return counters.clone();
    }

    private void count(ForwardingCounter counter) {
        counters[counter.ordinal()]++;
    }

    // ---- publisher RTP ------------------------------------------------------------------------------------------

    void onPublisherRtp(Participant from, byte[] a, int off, int len, long arrivalNanos) {
        count(ForwardingCounter.RTP_RECEIVED);
        if (!parse(a, off, len)) {
            return;
        }
        recordTransportCc(from, arrivalNanos);
        Producer producer = findProducer(from);
        if (producer == null || !restoreRetransmission(producer) || !admit(producer)) {
            return;
        }
        remember(producer, arrivalNanos);
        RecordingTap recording = from.router().recording();
        if (recording != null) {
            recording.onRtp(producer, packet, arrivalNanos);
        }
        forwardToConsumers(producer, arrivalNanos);
    }

    private boolean parse(byte[] a, int off, int len) {
        if (packet.wrap(a, off, len)) {
            return true;
        }
        count(ForwardingCounter.RTP_MALFORMED);
        return false;
    }

    /**
     * Every packet the publisher sent counts for its bandwidth estimate, including probes and streams the relay does
     * not forward: a packet left out of the feedback would look lost and make the browser back off.
     */
    private void recordTransportCc(Participant from, long arrivalNanos) {
        TransportCcRecorder recorder = from.transportCc();
        int id = from.transportCcId();
        if (recorder == null || id <= 0) {
            return;
        }
        int sequence = TransportSequenceNumber.read(packet, id);
        if (sequence >= 0) {
            recorder.record(sequence, arrivalNanos);
            count(ForwardingCounter.TRANSPORT_CC_RECORDED);
        }
    }

    private Producer findProducer(Participant from) {
        long ssrc = packet.ssrc();
        Producer producer = from.producerBySsrc(ssrc);
        if (producer == null) {
            producer = bindBySdesMid(from, ssrc);
        }
        if (producer == null) {
            count(ForwardingCounter.RTP_UNKNOWN_SSRC);
        }
        return producer;
    }

    /**
     * A publisher that announced no SSRC for a section (no a=ssrc lines) is identified by the sdes:mid extension of
     * its first packets, as RFC 8843 section 9.2 intends. Only producers still without an SSRC are candidates, so a
     * stream cannot be taken over once bound.
     */
    private Producer bindBySdesMid(Participant from, long ssrc) {
        int midId = from.midExtensionId();
        if (midId <= 0) {
            return null;
        }
        List<Producer> producers = from.producers();
        for (int i = 0; i < producers.size(); i++) {
            Producer p = producers.get(i);
            if (MediaId.matches(packet, midId, p.midBytes())) {
                int pt = packet.payloadType();
                if (p.ssrc() == Producer.NO_SSRC && pt == p.payloadType()) {
                    p.bindSsrc(ssrc);
                    return p;
                }
                if (p.rtxSsrc() == Producer.NO_SSRC && pt == p.rtxPayloadType()) {
                    p.bindRtxSsrc(ssrc);
                    return p;
                }
                return null;
            }
        }
        return null;
    }

    /** RTX from the publisher (answers to the relay's NACKs) becomes the original packet again; probes stop here. */
    private boolean restoreRetransmission(Producer producer) {
        if (packet.ssrc() != producer.rtxSsrc() || producer.ssrc() == Producer.NO_SSRC) {
            return true;
        }
        if (packet.payloadType() == producer.rtxPayloadType()
                && RtxPacket.decapsulate(packet, producer.payloadType(), producer.ssrc())) {
            PacketCache cache = producer.cache();
            if (cache != null && cache.find(packet.sequenceNumber()) >= 0) {
                // Chrome probes with RTX copies of packets it sent moments ago ("payload padding"); the original
                // is here, so subscribers have it and the statistics must not count it twice.
                count(ForwardingCounter.RTP_PROBE);
                return false;
            }
            count(ForwardingCounter.RTP_RETRANSMISSION_RESTORED);
            return true;
        }
        count(ForwardingCounter.RTP_PROBE);
        return false;
    }

    private boolean admit(Producer producer) {
        if (producer.isMuted()) {
            count(ForwardingCounter.RTP_MUTED);
            return false;
        }
        if (packet.payloadType() != producer.payloadType()) {
            count(ForwardingCounter.RTP_UNEXPECTED_PAYLOAD_TYPE);
            return false;
        }
        return true;
    }

    private void remember(Producer producer, long arrivalNanos) {
        producer.statistics().update(packet.sequenceNumber(), packet.timestamp(), arrivalNanos);
        NackRequester nacks = producer.nacks();
        if (nacks != null) {
            nacks.onPacket(packet.sequenceNumber());
        }
        PacketCache cache = producer.cache();
        if (cache != null) {
            boolean kept = cache.store(packet.sequenceNumber(), packet.array(), packet.offset(), packet.length());
            count(kept ? ForwardingCounter.PACKET_CACHED : ForwardingCounter.PACKET_NOT_CACHED);
        }
    }

    private void forwardToConsumers(Producer producer, long nowNanos) {
        List<Consumer> consumers = producer.consumers();
        long ssrc = packet.ssrc();
        int sequence = packet.sequenceNumber();
        long timestamp = packet.timestamp();
        for (int i = 0; i < consumers.size(); i++) {
            Consumer consumer = consumers.get(i);
            if (consumer.subscriber().isHeld()) {
                count(ForwardingCounter.CONSUMER_HELD);
                continue;
            }
            MediaTransport transport = activeTransport(consumer);
            if (transport == null) {
                count(ForwardingCounter.CONSUMER_NOT_ACTIVE);
                continue;
            }
            SequenceRewriter rewriter = consumer.rewriter();
            rewriter.accept(ssrc, sequence, timestamp, nowNanos, producer.clockRate());
            // Rewritten straight into the transport's send buffer, where SRTP then encrypts it in place.
            consumerPacket.prepare(consumer, packet, rewriter.sequence(sequence), rewriter.timestamp(timestamp));
            int maxLength = Math.min(PacketRewriter.maxLength(packet, consumer.midBytes().length),
                    SCRATCH_BYTES - MediaTransport.SEND_HEADROOM);
            if (transport.sendRtp(consumerPacket, maxLength)) {
                rewriter.countSent(packet.payloadLength());
                count(ForwardingCounter.RTP_FORWARDED);
            } else if (consumerPacket.tooLarge) {
                count(ForwardingCounter.RTP_TOO_LARGE);
            } else {
                count(ForwardingCounter.RTP_SEND_FAILED);
            }
        }
    }

    private static MediaTransport activeTransport(Consumer consumer) {
        if (!consumer.isStarted() || consumer.subscriber().isHeld()) {
            return null;
        }
        MediaTransport transport = consumer.subscriber().subscribeTransport();
        return transport != null && transport.isConnected() ? transport : null;
    }

    private int rewriteFor(Consumer consumer, RtpPacket source, int sequence, long timestamp) {
        int length = rewrite(consumer, source, sequence, timestamp, scratch, 0,
                scratch.length - MediaTransport.SEND_HEADROOM);
        if (length < 0) {
            count(ForwardingCounter.RTP_TOO_LARGE);
        }
        return length;
    }

    private static int rewrite(Consumer consumer, RtpPacket source, int sequence, long timestamp, byte[] out, int at,
            int capacity) {
        Producer producer = consumer.producer();
        boolean audio = producer.kind() == MediaKind.AUDIO;
        return PacketRewriter.rewrite(source, out, at, capacity, consumer.payloadType(), consumer.ssrc(), sequence,
                timestamp, DOWNSTREAM_MID_ID, consumer.midBytes(), audio ? producer.audioLevelId() : 0,
                audio ? DOWNSTREAM_AUDIO_LEVEL_ID : 0);
    }

    /** The packet being forwarded, as one consumer sends it; reused for every consumer, so nothing is allocated. */
    private static final class ConsumerPacket implements MediaTransport.PacketWriter {
        private Consumer consumer;
        private RtpPacket source;
        private int sequence;
        private long timestamp;
        boolean tooLarge;

        void prepare(Consumer consumer, RtpPacket source, int sequence, long timestamp) {
            this.consumer = consumer;
            this.source = source;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.tooLarge = false;
        }

        @Override
        public int write(byte[] array, int offset, int capacity) {
            int length = rewrite(consumer, source, sequence, timestamp, array, offset, capacity);
            tooLarge = length < 0;
            return length;
        }
    }

    // ---- subscriber RTCP ----------------------------------------------------------------------------------------

    void onSubscriberRtcp(Participant subscriber, byte[] a, int off, int len) {
        count(ForwardingCounter.RTCP_RECEIVED);
        rtcp.wrap(a, off, len);
        while (rtcp.next()) {
            int at = rtcp.packetOffset();
            int length = rtcp.packetLength();
            int type = rtcp.packetType();
            int fmt = rtcp.count();
            if (type == RtcpHeader.PAYLOAD_FEEDBACK && fmt == RtcpFeedback.FMT_PICTURE_LOSS) {
                onPictureLoss(subscriber, a, at, length);
            } else if (type == RtcpHeader.PAYLOAD_FEEDBACK && fmt == RtcpFeedback.FMT_FULL_INTRA_REQUEST) {
                onFullIntraRequest(subscriber, a, at, length);
            } else if (type == RtcpHeader.TRANSPORT_FEEDBACK && fmt == RtcpFeedback.FMT_GENERIC_NACK) {
                onNack(subscriber, a, at, length);
            } else {
                // Receiver reports, SDES, BYE, REMB and transport-cc describe the relay's downstream; the publisher
                // has no use for them and must not learn who is subscribed.
                count(ForwardingCounter.RTCP_CONSUMED);
            }
        }
        if (rtcp.malformed()) {
            count(ForwardingCounter.RTCP_MALFORMED);
        }
    }

    private void onPictureLoss(Participant subscriber, byte[] a, int at, int length) {
        if (PictureLossIndication.parse(a, at, length) == null) {
            count(ForwardingCounter.RTCP_MALFORMED);
            return;
        }
        keyframeRequestFor(subscriber.consumerBySsrc(RtcpFeedback.mediaSsrc(a, at)));
    }

    private void onFullIntraRequest(Participant subscriber, byte[] a, int at, int length) {
        FullIntraRequest fir = FullIntraRequest.parse(a, at, length);
        if (fir == null) {
            count(ForwardingCounter.RTCP_MALFORMED);
            return;
        }
        for (FullIntraRequest.Entry entry : fir.entries()) {
            keyframeRequestFor(subscriber.consumerBySsrc(entry.ssrc()));
        }
    }

    private void keyframeRequestFor(Consumer consumer) {
        if (consumer == null) {
            count(ForwardingCounter.RTCP_UNKNOWN_SSRC);
            return;
        }
        count(ForwardingCounter.KEYFRAME_REQUEST_RECEIVED);
        requestKeyframe(consumer.producer());
    }

    /** Sends the publisher a PLI unless one went out less than the rate limit ago (then it goes out on a tick). */
    void requestKeyframe(Producer producer) {
        if (!producer.isClosed() && producer.takeKeyframeRequest(clock.getAsLong())) {
            sendPictureLoss(producer);
        }
    }

    private void sendPictureLoss(Producer producer) {
        MediaTransport transport = producer.owner().publishTransport();
        if (transport == null || producer.ssrc() == Producer.NO_SSRC) {
            return;
        }
        int length = new PictureLossIndication(producer.owner().rtcpSsrc(), producer.ssrc()).writeTo(rtcpScratch, 0);
        if (transport.sendRtcp(rtcpScratch, 0, length)) {
            count(ForwardingCounter.KEYFRAME_REQUEST_SENT);
        }
    }

    private void onNack(Participant subscriber, byte[] a, int at, int length) {
        Consumer consumer = subscriber.consumerBySsrc(RtcpFeedback.mediaSsrc(a, at));
        if (consumer == null) {
            count(ForwardingCounter.RTCP_UNKNOWN_SSRC);
            return;
        }
        nackTarget = consumer;
        if (GenericNack.forEachSequenceNumber(a, at, length, retransmitter) < 0) {
            count(ForwardingCounter.RTCP_MALFORMED);
        }
        nackTarget = null;
    }

    /** Answers one lost consumer sequence number from the producer's cache, as RTX when the subscriber took RTX. */
    private void retransmit(int consumerSequence) {
        count(ForwardingCounter.NACK_RECEIVED);
        Consumer consumer = nackTarget;
        Producer producer = consumer.producer();
        PacketCache cache = producer.cache();
        MediaTransport transport = activeTransport(consumer);
        SequenceRewriter rewriter = consumer.rewriter();
        int at = cache == null || transport == null || !rewriter.isMapping(producer.ssrc()) ? -1
                : cache.find(rewriter.producerSequence(consumerSequence));
        if (at < 0 || !cached.wrap(cache.data(), at, cache.lengthAt(at))) {
            count(ForwardingCounter.NACK_MISSED);
            return;
        }
        int length = rewriteFor(consumer, cached, consumerSequence, rewriter.timestamp(cached.timestamp()));
        if (length < 0) {
            return;
        }
        byte[] out = scratch;
        if (consumer.sendsRtx() && rewritten.wrap(scratch, 0, length)) {
            length = RtxPacket.encapsulate(rewritten, consumer.rtxPayloadType(), consumer.rtxSsrc(),
                    consumer.nextRtxSequence(), rtxScratch, 0);
            out = rtxScratch;
        }
        if (transport.sendRtp(out, 0, length)) {
            count(ForwardingCounter.NACK_RETRANSMITTED);
        } else {
            count(ForwardingCounter.RTP_SEND_FAILED);
        }
    }

    // ---- publisher RTCP -----------------------------------------------------------------------------------------

    void onPublisherRtcp(Participant publisher, byte[] a, int off, int len) {
        count(ForwardingCounter.RTCP_RECEIVED);
        rtcp.wrap(a, off, len);
        while (rtcp.next()) {
            if (rtcp.packetType() == RtcpHeader.SENDER_REPORT) {
                onSenderReport(publisher, a, rtcp.packetOffset(), rtcp.packetLength());
            } else {
                count(ForwardingCounter.RTCP_CONSUMED);
            }
        }
        if (rtcp.malformed()) {
            count(ForwardingCounter.RTCP_MALFORMED);
        }
    }

    /**
     * A publisher's SR, translated for each consumer: its SSRC, the timestamp in the consumer's timestamp space (same
     * NTP time, so audio/video sync survives), and the consumer's own packet and octet counts.
     */
    private void onSenderReport(Participant publisher, byte[] a, int at, int length) {
        SenderReport report = SenderReport.parse(a, at, length);
        if (report == null) {
            count(ForwardingCounter.RTCP_MALFORMED);
            return;
        }
        Producer producer = publisher.producerBySsrc(report.ssrc());
        if (producer == null || producer.ssrc() != report.ssrc()) {
            count(ForwardingCounter.RTCP_UNKNOWN_SSRC);
            return;
        }
        producer.statistics().onSenderReport(report.compactNtp(), clock.getAsLong());
        List<Consumer> consumers = producer.consumers();
        for (int i = 0; i < consumers.size(); i++) {
            Consumer consumer = consumers.get(i);
            MediaTransport transport = activeTransport(consumer);
            SequenceRewriter rewriter = consumer.rewriter();
            if (transport == null || !rewriter.isMapping(producer.ssrc())) {
                continue;
            }
            SenderReport translated = new SenderReport(consumer.ssrc(), report.ntpTimestamp(),
                    rewriter.timestamp(report.rtpTimestamp()), rewriter.packets() & 0xFFFF_FFFFL,
                    rewriter.octets() & 0xFFFF_FFFFL, List.of());
            SourceDescription sdes = new SourceDescription(
                    List.of(new SourceDescription.Chunk(consumer.ssrc(), producer.owner().cname())));
            int written = translated.writeTo(rtcpScratch, 0);
            written += sdes.writeTo(rtcpScratch, written);
            if (transport.sendRtcp(rtcpScratch, 0, written)) {
                count(ForwardingCounter.SENDER_REPORT_FORWARDED);
            }
        }
    }

    // ---- periodic -----------------------------------------------------------------------------------------------

    /** Congestion feedback, receiver reports and due key frame requests for one participant. */
    void tick(Participant participant, long nowNanos) {
        MediaTransport publish = participant.publishTransport();
        if (publish == null) {
            return;
        }
        TransportCcRecorder recorder = participant.transportCc();
        if (recorder != null && recorder.hasPending()) {
            feedbackTransport = publish;
            recorder.flush(participant.rtcpSsrc(), firstMediaSsrc(participant), rtcpScratch, feedbackSink);
            feedbackTransport = null;
        }
        if (nowNanos - participant.lastReceiverReportNanos() >= RECEIVER_REPORT_INTERVAL_NANOS) {
            participant.receiverReportSent(nowNanos);
            sendReceiverReport(participant, publish, nowNanos);
        }
        for (Producer producer : participant.producers()) {
            if (producer.pendingKeyframeDue(nowNanos)) {
                requestKeyframe(producer);
            }
            requestRetransmissions(participant, publish, producer, nowNanos);
        }
    }

    private void requestRetransmissions(Participant participant, MediaTransport publish, Producer producer,
            long nowNanos) {
        NackRequester nacks = producer.nacks();
        if (nacks == null || nacks.outstanding() == 0) {
            return;
        }
        List<Integer> due = nacks.due(nowNanos);
        if (due.isEmpty()) {
            return;
        }
        GenericNack nack = GenericNack.ofSequenceNumbers(participant.rtcpSsrc(), producer.ssrc(), due);
        if (nack.length() <= rtcpScratch.length) {
            int length = nack.writeTo(rtcpScratch, 0);
            if (publish.sendRtcp(rtcpScratch, 0, length)) {
                count(ForwardingCounter.NACK_SENT);
            }
        }
    }

    private static long firstMediaSsrc(Participant participant) {
        for (Producer p : participant.producers()) {
            if (p.ssrc() != Producer.NO_SSRC) {
                return p.ssrc();
            }
        }
        return 0;
    }

    private void sendReceiverReport(Participant participant, MediaTransport publish, long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (Producer producer : participant.producers()) {
            if (producer.ssrc() != Producer.NO_SSRC && producer.statistics().hasData()) {
                blocks.add(producer.statistics().report(producer.ssrc(), nowNanos));
            }
        }
        if (blocks.isEmpty()) {
            return;
        }
        int length = new ReceiverReport(participant.rtcpSsrc(), blocks).writeTo(rtcpScratch, 0);
        if (publish.sendRtcp(rtcpScratch, 0, length)) {
            count(ForwardingCounter.RECEIVER_REPORT_SENT);
        }
    }

    private static int ownId(MediaKind kind, String uri) {
        return RelayCapabilities.standard().ownHeaderExtensions(kind).stream()
                .filter(e -> e.uri().equals(uri)).mapToInt(HeaderExtension::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("relay offers no id for " + uri));
    }
}

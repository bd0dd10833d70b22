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
import dev.hearth.relay.rtcp.TransportCcFeedback;
import dev.hearth.relay.recording.vp8.Vp8PayloadDescriptor;
import dev.hearth.relay.rtp.MediaId;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.RtpStreamId;
import dev.hearth.relay.rtp.RtxPacket;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.wire.Wire;
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
 * publisher RTP:  parse -> record transport-wide arrival -> find producer layer (SSRC, else mid/rid) -> restore RTX
 *                 -> admit (mute, payload type) -> remember (statistics, cache, layer bitrate) -> record (best layer)
 *                 -> for each consumer on this layer (switching only at a key frame): rewrite into the subscriber
 *                    transport's send buffer with the subscriber's own transport-wide sequence number, send
 * subscriber RTCP: PLI/FIR -> key frame request (rate limited); NACK -> retransmit from cache; transport-cc ->
 *                  the subscriber's estimate; the rest is consumed
 * publisher RTCP:  SR -> statistics and a rewritten SR per consumer; the rest is consumed
 * tick:            transport-wide CC feedback, receiver reports, due key frame requests, NACKs for upstream gaps;
 *                  per subscriber: layer allocation, probe padding, quality report
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
    static final int DOWNSTREAM_TRANSPORT_CC_ID = ownId(MediaKind.VIDEO, RelayCapabilities.EXT_TRANSPORT_CC);

    private final LongSupplier clock;
    private final long[] counters = new long[ForwardingCounter.ALL.length];
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final byte[] rtxScratch = new byte[SCRATCH_BYTES];
    private final byte[] rtcpScratch = new byte[1500];
    private final byte[] probeScratch = new byte[RtpPacket.FIXED_HEADER_LENGTH + 8 + 256 + MediaTransport.SEND_HEADROOM];
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
        ProducerLayer layer = findLayer(from);
        if (layer == null || !restoreRetransmission(layer) || !admit(layer.producer())) {
            return;
        }
        Producer producer = layer.producer();
        remember(layer, arrivalNanos);
        boolean keyframe = producer.isVideo() && startsKeyframe(producer, layer);
        RecordingTap recording = from.router().recording();
        if (recording != null && layer == producer.recordedLayer()) {
            recording.onRtp(producer, packet, arrivalNanos);
        }
        forwardToConsumers(layer, keyframe, arrivalNanos);
    }

    /**
     * Whether the packet is the first of a key frame (VP8: RFC 7741 start of partition 0 and the key frame tag of
     * RFC 6386 section 9.1; H.264: an IDR slice or an SPS in a single NAL unit, STAP-A or FU-A start, RFC 6184). A
     * VP8 key frame also tells the layer's resolution.
     */
    private boolean startsKeyframe(Producer producer, ProducerLayer layer) {
        byte[] a = packet.array();
        int at = packet.payloadOffset();
        int length = packet.payloadLength();
        if (length < 2) {
            return false;
        }
        if (producer.codec().is("VP8")) {
            int descriptor = Vp8PayloadDescriptor.length(a, at, length);
            if (descriptor < 0 || !Vp8PayloadDescriptor.startsFrame(a, at)
                    || !Vp8PayloadDescriptor.isKeyframe(a, at + descriptor, length - descriptor)) {
                return false;
            }
            layer.resolution(Vp8PayloadDescriptor.keyframeWidth(a, at + descriptor),
                    Vp8PayloadDescriptor.keyframeHeight(a, at + descriptor));
            return true;
        }
        int nal = a[at] & 0x1F;
        if (nal == 24) { // STAP-A: the first aggregated unit after its 2-byte size
            return length >= 4 && isH264Keyframe(a[at + 3] & 0x1F);
        }
        if (nal == 28) { // FU-A: start bit and the fragmented unit's type
            return (a[at + 1] & 0x80) != 0 && isH264Keyframe(a[at + 1] & 0x1F);
        }
        return isH264Keyframe(nal);
    }

    private static boolean isH264Keyframe(int nalType) {
        return nalType == 5 || nalType == 7;
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

    private ProducerLayer findLayer(Participant from) {
        long ssrc = packet.ssrc();
        ProducerLayer layer = from.layerBySsrc(ssrc);
        if (layer == null) {
            layer = bindBySdesMid(from, ssrc);
        }
        if (layer == null) {
            count(ForwardingCounter.RTP_UNKNOWN_SSRC);
        }
        return layer;
    }

    /**
     * A publisher that announced no SSRC for a section (no a=ssrc lines) is identified by the sdes:mid extension of
     * its first packets, as RFC 8843 section 9.2 intends; a simulcast layer by its rid (RFC 8852: rtp-stream-id on
     * the media, repaired-rtp-stream-id on its RTX). Only layers still without an SSRC are candidates, so a stream
     * cannot be taken over once bound.
     */
    private ProducerLayer bindBySdesMid(Participant from, long ssrc) {
        int midId = from.midExtensionId();
        if (midId <= 0) {
            return null;
        }
        List<Producer> producers = from.producers();
        for (int i = 0; i < producers.size(); i++) {
            Producer p = producers.get(i);
            if (MediaId.matches(packet, midId, p.midBytes())) {
                int pt = packet.payloadType();
                boolean media = pt == p.payloadType();
                boolean rtx = !media && pt == p.rtxPayloadType();
                ProducerLayer layer = media || rtx ? layerOf(from, p, media) : null;
                if (layer == null) {
                    return null;
                }
                if (media && layer.ssrc() == Producer.NO_SSRC) {
                    layer.useSsrc(ssrc, p.codec());
                    return layer;
                }
                if (rtx && layer.rtxSsrc() == Producer.NO_SSRC) {
                    layer.useRtxSsrc(ssrc);
                    return layer;
                }
                return null;
            }
        }
        return null;
    }

    /** The layer a packet names by its rid (or repaired rid), or the one layer of a producer without rids. */
    private ProducerLayer layerOf(Participant from, Producer p, boolean media) {
        if (p.layerCount() == 1 && p.layer(0).rid() == null) {
            return p.layer(0);
        }
        int id = media ? from.ridExtensionId() : from.repairedRidExtensionId();
        int at = id > 0 ? packet.findExtension(id) : -1;
        if (at < 0) {
            return null;
        }
        int length = packet.extensionLength(at);
        for (int l = 0; l < p.layerCount(); l++) {
            byte[] rid = p.layer(l).rid();
            if (rid != null && RtpStreamId.matches(packet.array(), at, length, rid)) {
                return p.layer(l);
            }
        }
        return null;
    }

    /** RTX from the publisher (answers to the relay's NACKs) becomes the original packet again; probes stop here. */
    private boolean restoreRetransmission(ProducerLayer layer) {
        Producer producer = layer.producer();
        if (packet.ssrc() != layer.rtxSsrc() || layer.ssrc() == Producer.NO_SSRC) {
            return true;
        }
        if (packet.payloadType() == producer.rtxPayloadType()
                && RtxPacket.decapsulate(packet, producer.payloadType(), layer.ssrc())) {
            PacketCache cache = layer.cache();
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

    private void remember(ProducerLayer layer, long arrivalNanos) {
        layer.statistics().update(packet.sequenceNumber(), packet.timestamp(), arrivalNanos);
        layer.measure(packet.length(), arrivalNanos);
        NackRequester nacks = layer.nacks();
        if (nacks != null) {
            nacks.onPacket(packet.sequenceNumber());
        }
        PacketCache cache = layer.cache();
        if (cache != null) {
            boolean kept = cache.store(packet.sequenceNumber(), packet.array(), packet.offset(), packet.length());
            count(kept ? ForwardingCounter.PACKET_CACHED : ForwardingCounter.PACKET_NOT_CACHED);
        }
    }

    private void forwardToConsumers(ProducerLayer layer, boolean keyframe, long nowNanos) {
        Producer producer = layer.producer();
        List<Consumer> consumers = producer.consumers();
        long ssrc = packet.ssrc();
        int sequence = packet.sequenceNumber();
        long timestamp = packet.timestamp();
        long sendNanos = consumers.isEmpty() ? 0 : clock.getAsLong();
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
            int before = consumer.currentLayer();
            if (!consumer.forwards(layer.index(), keyframe)) {
                count(ForwardingCounter.LAYER_NOT_SELECTED);
                continue;
            }
            if (before != consumer.currentLayer() && before != Consumer.PAUSED) {
                count(ForwardingCounter.LAYER_SWITCHED);
            }
            SequenceRewriter rewriter = consumer.rewriter();
            rewriter.accept(ssrc, sequence, timestamp, nowNanos, producer.clockRate());
            SubscriberBandwidth bandwidth = consumer.subscriber().bandwidth();
            // Rewritten straight into the transport's send buffer, where SRTP then encrypts it in place.
            consumerPacket.prepare(consumer, packet, rewriter.sequence(sequence), rewriter.timestamp(timestamp),
                    bandwidth.transportCcId(), bandwidth.transportSequence());
            int maxLength = Math.min(PacketRewriter.maxLength(packet, consumer.midBytes().length),
                    SCRATCH_BYTES - MediaTransport.SEND_HEADROOM);
            if (transport.sendRtp(consumerPacket, maxLength)) {
                rewriter.countSent(packet.payloadLength());
                count(ForwardingCounter.RTP_FORWARDED);
                if (bandwidth.transportCcId() > 0) {
                    bandwidth.sent(consumerPacket.written, sendNanos);
                    if (bandwidth.probing()) {
                        sendProbePadding(consumer.subscriber(), transport, sendNanos);
                    }
                }
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
        SubscriberBandwidth bandwidth = consumer.subscriber().bandwidth();
        int length = rewrite(consumer, source, sequence, timestamp, bandwidth.transportCcId(),
                bandwidth.transportSequence(), scratch, 0, scratch.length - MediaTransport.SEND_HEADROOM);
        if (length < 0) {
            count(ForwardingCounter.RTP_TOO_LARGE);
        }
        return length;
    }

    private static int rewrite(Consumer consumer, RtpPacket source, int sequence, long timestamp, int transportCcId,
            int transportSequence, byte[] out, int at, int capacity) {
        Producer producer = consumer.producer();
        boolean audio = producer.kind() == MediaKind.AUDIO;
        int length = PacketRewriter.rewrite(source, out, at, capacity, consumer.payloadType(), consumer.ssrc(),
                sequence, timestamp, DOWNSTREAM_MID_ID, consumer.midBytes(), audio ? producer.audioLevelId() : 0,
                audio ? DOWNSTREAM_AUDIO_LEVEL_ID : 0, transportCcId, transportSequence);
        Vp8PictureIdRewriter pictureIds = consumer.pictureIds();
        if (length > 0 && pictureIds != null) {
            int body = source.length() - source.headerLength();
            pictureIds.rewrite(source.ssrc(), out, at + length - body, source.payloadLength());
        }
        return length;
    }

    /** The packet being forwarded, as one consumer sends it; reused for every consumer, so nothing is allocated. */
    private static final class ConsumerPacket implements MediaTransport.PacketWriter {
        private Consumer consumer;
        private RtpPacket source;
        private int sequence;
        private long timestamp;
        private int transportCcId;
        private int transportSequence;
        boolean tooLarge;
        int written;

        void prepare(Consumer consumer, RtpPacket source, int sequence, long timestamp, int transportCcId,
                int transportSequence) {
            this.consumer = consumer;
            this.source = source;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.transportCcId = transportCcId;
            this.transportSequence = transportSequence;
            this.tooLarge = false;
            this.written = 0;
        }

        @Override
        public int write(byte[] array, int offset, int capacity) {
            int length = rewrite(consumer, source, sequence, timestamp, transportCcId, transportSequence, array,
                    offset, capacity);
            tooLarge = length < 0;
            written = Math.max(0, length);
            return length;
        }
    }

    // ---- probing ------------------------------------------------------------------------------------------------

    /**
     * Tops the subscriber's probe cluster up to its rate with padding-only packets on the RTX SSRC of one of its
     * video consumers (RFC 4588 streams carry padding the receiver drops; libwebrtc probes the same way). Each
     * carries the subscriber's next transport-wide sequence number, so the feedback measures the cluster. A
     * subscriber without an RTX stream is not probed: its estimate climbs only with the media it gets.
     */
    private void sendProbePadding(Participant subscriber, MediaTransport transport, long nowNanos) {
        SubscriberBandwidth bandwidth = subscriber.bandwidth();
        int due = bandwidth.probePacketsDue(nowNanos);
        if (due == 0) {
            return;
        }
        Consumer carrier = null;
        List<Consumer> consumers = subscriber.consumers();
        for (int i = 0; i < consumers.size() && carrier == null; i++) {
            Consumer c = consumers.get(i);
            if (c.isStarted() && c.sendsRtx() && c.rewriter().hasSent()) {
                carrier = c;
            }
        }
        if (carrier == null) {
            bandwidth.probeAbandoned();
            return;
        }
        for (int n = 0; n < due; n++) {
            int length = writePadding(carrier, bandwidth.transportCcId(), bandwidth.transportSequence());
            if (!transport.sendRtp(probeScratch, 0, length)) {
                break;
            }
            bandwidth.sent(length, nowNanos);
            count(ForwardingCounter.PROBE_PADDING_SENT);
        }
        bandwidth.probeOpportunityDone();
    }

    /** A padding-only RTX packet: header, one transport-wide sequence number element, 255 bytes of padding. */
    private int writePadding(Consumer carrier, int transportCcId, int transportSequence) {
        byte[] out = probeScratch;
        out[0] = (byte) 0xB0; // V=2, P=1, X=1
        out[1] = (byte) (carrier.rtxPayloadType() & 0x7F);
        Wire.put16(out, 2, carrier.nextRtxSequence());
        Wire.put32(out, 4, carrier.rewriter().lastTimestamp());
        Wire.put32(out, 8, carrier.rtxSsrc());
        Wire.put16(out, 12, RtpPacket.ONE_BYTE_PROFILE);
        Wire.put16(out, 14, 1);
        out[16] = (byte) ((transportCcId << 4) | (TransportSequenceNumber.LENGTH - 1));
        Wire.put16(out, 17, transportSequence);
        out[19] = 0;
        int padding = SubscriberBandwidth.PROBE_PADDING;
        java.util.Arrays.fill(out, 20, 20 + padding - 1, (byte) 0);
        out[20 + padding - 1] = (byte) padding;
        return 20 + padding;
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
            } else if (type == RtcpHeader.TRANSPORT_FEEDBACK && fmt == RtcpFeedback.FMT_TRANSPORT_CC) {
                onTransportFeedback(subscriber, a, at, length);
            } else {
                // Receiver reports, SDES, BYE and REMB describe the relay's downstream; the publisher has no use for
                // them and must not learn who is subscribed.
                count(ForwardingCounter.RTCP_CONSUMED);
            }
        }
        if (rtcp.malformed()) {
            count(ForwardingCounter.RTCP_MALFORMED);
        }
    }

    /**
     * The subscriber's transport-cc feedback on what the relay sent it (draft-holmer-rmcat-transport-wide-cc-
     * extensions-01 section 3.1) feeds its estimate; the allocator acts on the new estimate at once.
     */
    private void onTransportFeedback(Participant subscriber, byte[] a, int at, int length) {
        TransportCcFeedback feedback = TransportCcFeedback.parse(a, at, length);
        if (feedback == null) {
            count(ForwardingCounter.RTCP_MALFORMED);
            return;
        }
        count(ForwardingCounter.TRANSPORT_CC_FEEDBACK_RECEIVED);
        long now = clock.getAsLong();
        subscriber.bandwidth().onFeedback(feedback, now);
        allocate(subscriber, now);
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
        Producer producer = consumer.producer();
        int layer = consumer.currentLayer() != Consumer.PAUSED ? consumer.currentLayer() : consumer.targetLayer();
        if (layer >= 0 && layer < producer.layerCount()) {
            requestKeyframe(producer.layer(layer));
        }
    }

    /**
     * Asks for a key frame on every layer of the producer that some consumer is on or moving to (and the recorded
     * one while the room records); a single stream always.
     */
    void requestKeyframe(Producer producer) {
        if (producer.isClosed()) {
            return;
        }
        boolean recording = producer.owner().router().recording() != null;
        for (int l = 0; l < producer.layerCount(); l++) {
            ProducerLayer layer = producer.layer(l);
            if (!producer.isSimulcast() || (recording && layer == producer.recordedLayer()) || inUse(producer, l)) {
                requestKeyframe(layer);
            }
        }
    }

    private static boolean inUse(Producer producer, int layer) {
        List<Consumer> consumers = producer.consumers();
        for (int i = 0; i < consumers.size(); i++) {
            Consumer c = consumers.get(i);
            if (c.isStarted() && (c.targetLayer() == layer || c.currentLayer() == layer)) {
                return true;
            }
        }
        return false;
    }

    /** Sends the publisher a PLI for one layer unless one went out less than the rate limit ago (then on a tick). */
    void requestKeyframe(ProducerLayer layer) {
        if (!layer.producer().isClosed() && layer.takeKeyframeRequest(clock.getAsLong())) {
            sendPictureLoss(layer);
        }
    }

    private void sendPictureLoss(ProducerLayer layer) {
        Producer producer = layer.producer();
        MediaTransport transport = producer.owner().publishTransport();
        if (transport == null || layer.ssrc() == Producer.NO_SSRC) {
            return;
        }
        int length = new PictureLossIndication(producer.owner().rtcpSsrc(), layer.ssrc()).writeTo(rtcpScratch, 0);
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
        int current = consumer.currentLayer();
        ProducerLayer layer = current >= 0 && current < producer.layerCount() ? producer.layer(current) : null;
        PacketCache cache = layer == null ? null : layer.cache();
        MediaTransport transport = activeTransport(consumer);
        SequenceRewriter rewriter = consumer.rewriter();
        int at = cache == null || transport == null || !rewriter.isMapping(layer.ssrc()) ? -1
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
            SubscriberBandwidth bandwidth = consumer.subscriber().bandwidth();
            if (bandwidth.transportCcId() > 0) {
                bandwidth.sent(length, clock.getAsLong());
            }
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
        ProducerLayer layer = publisher.layerBySsrc(report.ssrc());
        if (layer == null || layer.ssrc() != report.ssrc()) {
            count(ForwardingCounter.RTCP_UNKNOWN_SSRC);
            return;
        }
        Producer producer = layer.producer();
        layer.statistics().onSenderReport(report.compactNtp(), clock.getAsLong());
        List<Consumer> consumers = producer.consumers();
        for (int i = 0; i < consumers.size(); i++) {
            Consumer consumer = consumers.get(i);
            MediaTransport transport = activeTransport(consumer);
            SequenceRewriter rewriter = consumer.rewriter();
            if (transport == null || !rewriter.isMapping(layer.ssrc())) {
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
        tickSubscriber(participant, nowNanos);
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
        List<Producer> producers = participant.producers();
        for (int p = 0; p < producers.size(); p++) {
            Producer producer = producers.get(p);
            for (int l = 0; l < producer.layerCount(); l++) {
                ProducerLayer layer = producer.layer(l);
                if (layer.pendingKeyframeDue(nowNanos)) {
                    requestKeyframe(layer);
                }
                requestRetransmissions(participant, publish, layer, nowNanos);
            }
        }
    }

    /** The subscriber side of a tick: allocation, probing and the quality report. */
    private void tickSubscriber(Participant subscriber, long nowNanos) {
        MediaTransport transport = subscriber.subscribeTransport();
        if (transport == null || !transport.isConnected() || subscriber.consumers().isEmpty()) {
            return;
        }
        SubscriberBandwidth bandwidth = subscriber.bandwidth();
        allocate(subscriber, nowNanos);
        bandwidth.maybeStartProbe(nowNanos);
        if (bandwidth.probing()) {
            sendProbePadding(subscriber, transport, nowNanos);
        }
        dev.hearth.relay.ConnectionQuality report = bandwidth.reportDue(nowNanos);
        if (report != null) {
            subscriber.router().connectionQuality(subscriber, report);
        }
    }

    /**
     * Runs the subscriber's allocator and moves each consumer to its chosen layer: a pause at once, another layer at
     * that layer's next key frame, asked for now. A track whose publisher sends nothing keeps its target (there is
     * nothing to forward either way, and it resumes without a round of allocation when media comes back).
     */
    void allocate(Participant subscriber, long nowNanos) {
        SubscriberBandwidth bandwidth = subscriber.bandwidth();
        bandwidth.allocate(subscriber.consumers(), nowNanos);
        for (int i = 0; i < bandwidth.trackCount(); i++) {
            dev.hearth.relay.alloc.SubscribedTrack track = bandwidth.track(i);
            Consumer consumer = bandwidth.trackConsumer(i);
            if (track.isAudio() || track.nothingArrives() || !consumer.isStarted()) {
                continue;
            }
            int layer = track.selectedLayer();
            consumer.pausedForBudget(layer == Consumer.PAUSED && track.wanted());
            if (consumer.target(layer)) {
                requestKeyframe(consumer.producer().layer(layer));
            }
        }
    }

    private void requestRetransmissions(Participant participant, MediaTransport publish, ProducerLayer layer,
            long nowNanos) {
        NackRequester nacks = layer.nacks();
        if (nacks == null || nacks.outstanding() == 0) {
            return;
        }
        List<Integer> due = nacks.due(nowNanos);
        if (due.isEmpty()) {
            return;
        }
        GenericNack nack = GenericNack.ofSequenceNumbers(participant.rtcpSsrc(), layer.ssrc(), due);
        if (nack.length() <= rtcpScratch.length) {
            int length = nack.writeTo(rtcpScratch, 0);
            if (publish.sendRtcp(rtcpScratch, 0, length)) {
                count(ForwardingCounter.NACK_SENT);
            }
        }
    }

    private static long firstMediaSsrc(Participant participant) {
        for (Producer p : participant.producers()) {
            if (p.layerCount() > 0 && p.layer(0).ssrc() != Producer.NO_SSRC) {
                return p.layer(0).ssrc();
            }
        }
        return 0;
    }

    private void sendReceiverReport(Participant participant, MediaTransport publish, long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (Producer producer : participant.producers()) {
            for (int l = 0; l < producer.layerCount(); l++) {
                ProducerLayer layer = producer.layer(l);
                if (layer.ssrc() != Producer.NO_SSRC && layer.statistics() != null && layer.statistics().hasData()) {
                    blocks.add(layer.statistics().report(layer.ssrc(), nowNanos));
                }
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

package dev.hearth.relay.bwe;

import dev.hearth.relay.rtcp.PacketReceipt;
import dev.hearth.relay.rtcp.TransportCcFeedback;

import java.util.List;

/**
 * One subscriber's send-side bandwidth estimate (see the package description for what is followed): the relay
 * records every packet it sends to the subscriber under the transport-wide sequence number it stamped
 * ({@link #onPacketSent}), hands in the subscriber's transport-wide CC feedback ({@link #onTransportFeedback}) and
 * calls {@link #process} regularly (every few tens of milliseconds) to learn whether to send a probe cluster. The
 * result is {@link #targetBitrateBps()}, the smaller of the delay-based ({@link AimdRateControl}) and the loss-based
 * ({@link LossBasedController}) rates, within the {@link BweSettings}.
 *
 * <p>Feedback is taken as it comes: duplicated, reordered or late reports of a packet count once, reports of
 * packets never sent (or older than the {@link SendHistory}) are ignored, sequence numbers wrap at 2^16 and the
 * 24-bit reference time of the feedback is unwrapped, so a hostile or broken receiver can only make its own estimate
 * wrong, never throw. Not thread-safe: owned by the subscriber transport's event loop.
 */
public final class SendSideBandwidthEstimator {
    private static final long REFERENCE_TIME_MICROS = 64_000;
    private static final double RTT_SMOOTHING = 0.875;

    private final BweSettings settings;
    private final SendHistory history = new SendHistory();
    private final InterArrival interArrival = new InterArrival();
    private final TrendlineEstimator trendline = new TrendlineEstimator();
    private final AckedBitrateEstimator acked = new AckedBitrateEstimator();
    private final AimdRateControl rateControl;
    private final LossBasedController lossBased;
    private final ProbeBitrateEstimator probeResults = new ProbeBitrateEstimator();
    private final ProbeController probes;

    private long targetBps;
    private long rttMicros = 200_000;
    private boolean rttFromReports;
    private int lastReference24 = -1;
    private long unwrappedReference;

    public SendSideBandwidthEstimator(BweSettings settings) {
        this.settings = settings;
        this.rateControl = new AimdRateControl(settings);
        this.lossBased = new LossBasedController(settings);
        this.probes = new ProbeController(settings);
        this.targetBps = settings.startBps();
    }

    /**
     * @param transportSequence the 16-bit transport-wide sequence number stamped on the packet
     * @param sizeBytes         the packet's size on the wire (RTP header, payload and padding; SRTP tag included)
     * @param probeClusterId    the {@link ProbeController#clusterId()} the packet was sent for, or -1 for media
     */
    public void onPacketSent(int transportSequence, int sizeBytes, long nowMicros, int probeClusterId) {
        history.sent(transportSequence, nowMicros, sizeBytes, probeClusterId);
    }

    public void onTransportFeedback(TransportCcFeedback feedback, long nowMicros) {
        long arrivalOffset = referenceOffsetMicros(feedback.referenceTime());
        List<PacketReceipt> receipts = feedback.receipts();
        int lost = 0;
        int expected = 0;
        long latestSend = Long.MIN_VALUE;
        long probeBps = -1;
        for (int i = 0, n = receipts.size(); i < n; i++) {
            PacketReceipt r = receipts.get(i);
            int slot = history.find(r.sequenceNumber());
            if (slot < 0) {
                continue;
            }
            byte state = history.state(slot);
            if (state == SendHistory.RECEIVED) {
                continue;
            }
            if (!r.received()) {
                if (state == SendHistory.SENT) {
                    history.setState(slot, SendHistory.REPORTED_LOST);
                    lost++;
                    expected++;
                }
                continue;
            }
            if (state == SendHistory.REPORTED_LOST) {
                lost--; // a late arrival (or retransmission) of what an earlier report called lost
            } else {
                expected++;
            }
            history.setState(slot, SendHistory.RECEIVED);
            long send = history.sendTimeMicros(slot);
            int size = history.size(slot);
            long arrival = r.arrivalTimeMicros() + arrivalOffset;
            latestSend = Math.max(latestSend, send);
            acked.add(arrival, size);
            if (interArrival.add(send, arrival, nowMicros, size)) {
                trendline.update(interArrival.arrivalDeltaMicros(), interArrival.sendDeltaMicros(),
                        interArrival.completedArrivalMicros());
            }
            int cluster = history.probeCluster(slot);
            if (cluster >= 0) {
                long result = probeResults.add(cluster, send, arrival, size);
                if (result > 0) {
                    probeBps = result;
                }
            }
        }
        if (latestSend != Long.MIN_VALUE && !rttFromReports) {
            // from our send to the feedback's arrival: an upper bound of the RTT (includes the feedback interval)
            long sample = Math.max(1_000, nowMicros - latestSend);
            rttMicros = (long) (RTT_SMOOTHING * rttMicros + (1 - RTT_SMOOTHING) * sample);
            rateControl.setRttMicros(rttMicros);
        }
        if (expected == 0 && lost == 0 && latestSend == Long.MIN_VALUE) {
            return; // nothing we sent, or only repeats: no news, and no reason to increase
        }
        lossBased.report(lost, expected);
        updateTarget(probeBps, nowMicros);
    }

    private void updateTarget(long probeBps, long nowMicros) {
        BandwidthUsage usage = trendline.state();
        long ackedBps = acked.bps();
        if (usage == BandwidthUsage.OVERUSING) {
            if (rateControl.timeToReduceFurther(nowMicros, ackedBps)) {
                rateControl.update(usage, ackedBps, nowMicros);
            }
        } else if (probeBps > rateControl.bitrateBps()) {
            rateControl.setEstimate(probeBps, nowMicros);
            lossBased.probeSucceeded(probeBps, nowMicros);
        } else {
            rateControl.update(usage, ackedBps, nowMicros);
        }
        long bound = lossBased.update(targetBps, rttMicros, nowMicros);
        targetBps = settings.clamp(Math.min(rateControl.bitrateBps(), bound));
        lossBased.targetChosen(targetBps, nowMicros);
    }

    /** The feedback's 24-bit reference time (64 ms units) unwrapped; returns what to add to its arrival times. */
    private long referenceOffsetMicros(int reference) {
        int reference24 = reference & 0xFF_FFFF;
        if (lastReference24 < 0) {
            unwrappedReference = reference24;
        } else {
            int step = ((reference24 - lastReference24) << 8) >> 8;
            long candidate = unwrappedReference + step;
            if (step > 0) {
                unwrappedReference = candidate;
                lastReference24 = reference24;
            }
            return (candidate - reference) * REFERENCE_TIME_MICROS;
        }
        lastReference24 = reference24;
        return (unwrappedReference - reference) * REFERENCE_TIME_MICROS;
    }

    /**
     * Lets the probe controller decide; true when a probe cluster should be sent now (see {@link #probes()} for its
     * id, rate and size).
     */
    public boolean process(long nowMicros) {
        if (!probes.process(nowMicros, targetBps)) {
            return false;
        }
        probeResults.clusterStarted(probes.clusterId(), probes.minPackets());
        return true;
    }

    public ProbeController probes() {
        return probes;
    }

    /** What the allocator would use if it could (the sum of the layers it wants); probing stops there. */
    public void setWantedBitrateBps(long bps) {
        probes.setWantedBps(bps);
    }

    /** An RTT measured from RTCP sender/receiver reports; preferred over the rough one derived from feedback. */
    public void setRoundTripTimeMicros(long rtt) {
        rttFromReports = true;
        rttMicros = Math.max(1_000, rtt);
        rateControl.setRttMicros(rttMicros);
    }

    public long targetBitrateBps() {
        return targetBps;
    }

    /** The acknowledged rate, or -1 before the first measurement. */
    public long ackedBitrateBps() {
        return acked.bps();
    }

    public BandwidthUsage delayState() {
        return trendline.state();
    }

    public double lastLossFraction() {
        return lossBased.lastLossFraction();
    }

    public BweSettings settings() {
        return settings;
    }
}

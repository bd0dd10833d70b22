/**
 * The selective forwarding unit: mediasoup's vocabulary, Jitsi's explicit packet pipeline.
 *
 * <ul>
 *   <li>{@link dev.hearth.relay.sfu.InProcessRelayControl} implements {@link dev.hearth.relay.RelayControl}: one
 *       {@link dev.hearth.relay.sfu.Router} per room, each room (and every transport of it) on one of the transport
 *       factory's packet loops, the least busy when the room appears, with a {@link dev.hearth.relay.sfu.Forwarder}
 *       per loop; control calls hop to the room's loop and wait, listener events leave on a separate thread.</li>
 *   <li>A {@link dev.hearth.relay.sfu.Participant} has a publish transport (client offers) with a
 *       {@link dev.hearth.relay.sfu.Producer} per sending audio/video mid, and a subscribe transport (relay offers)
 *       with a {@link dev.hearth.relay.sfu.Consumer} per other participant's producer.</li>
 *   <li>{@link dev.hearth.relay.sfu.Forwarder} is the per-packet path, a list of small steps each counted in
 *       {@link dev.hearth.relay.sfu.ForwardingCounter}.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>A producer is identified by its mid, not its SSRC: a re-publish or reconnect with new SSRCs restarts the
 *       producer, and each consumer's {@link dev.hearth.relay.sfu.SequenceRewriter} re-bases so the subscriber's
 *       stream stays continuous (no renegotiation for them).</li>
 *   <li>Downstream payload types are fixed per codec (Opus 111, VP8 96/97, H.264 102/103) so one subscribe bundle
 *       never gives one number two meanings; the publisher's numbers are rewritten.</li>
 *   <li>Downstream packets carry only the subscriber's own sdes:mid and, for audio, the audio level. The relay
 *       does not offer transport-cc feedback downstream, so the publisher's transport-wide sequence number and
 *       abs-send-time are removed rather than renumbered.</li>
 *   <li>Upstream congestion feedback is transport-wide CC every 50 ms, reporting every packet the publisher sent
 *       on the transport (probes and unforwarded simulcast layers included), since an unreported packet looks
 *       lost to the browser's estimator. It is recorded before the mute check: a muted microphone's packets
 *       still arrived.</li>
 *   <li>One stream per producer: with SSRC simulcast the highest layer is forwarded; rid simulcast is not
 *       negotiated by the SDP layer. A section without a=ssrc binds its SSRC from the sdes:mid extension.</li>
 *   <li>Key frames: PLI to the publisher when a consumer starts, when the subscriber connects, and on
 *       subscriber PLI/FIR; at most one per producer per 500 ms, a suppressed one follows when the interval ends.</li>
 *   <li>Retransmission: video producers keep 512 packets; subscriber NACKs are answered as RTX when the answer
 *       kept the RTX payload type, else as the original. Gaps upstream are NACKed to the publisher (64
 *       outstanding, 3 tries) and its RTX is restored and forwarded, repairing the loss for every subscriber. An RTX
 *       copy of a packet the relay already holds is Chrome's probe padding: it counts for transport-cc only.</li>
 *   <li>A publish offer with a new DTLS fingerprint is a new peer connection (a reloaded page): the transport
 *       restarts DTLS (see the transport package) and the transport-cc recorder starts over, since the new
 *       connection numbers its transport-wide sequence afresh.</li>
 * </ul>
 */
package dev.hearth.relay.sfu;

/**
 * Per-subscriber layer allocation: how one subscriber's bandwidth estimate is shared out over the tracks it
 * receives. Pure decisions, no I/O and no clock (time is passed in); owned by the subscriber transport's event loop
 * like its estimator. The forwarder carries out the decision: it switches a track to its new layer at the next key
 * frame of that layer (sending a PLI upstream on an upgrade) and rewrites SSRC, sequence numbers and timestamps so the
 * subscriber's decoder sees one stream.
 */
package dev.hearth.relay.alloc;

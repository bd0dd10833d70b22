/**
 * Views of the relay for operators' metrics that are neither protocol nor forwarding: the event loops' lag. The
 * counters themselves live where they are counted ({@code transport.RelayStatistics},
 * {@code sfu.ForwardingStatistics}, {@code recording.RecorderStatistics}); nothing here depends on a metrics
 * library, the signaling server binds these to Micrometer at its edge.
 */
package dev.hearth.relay.metrics;

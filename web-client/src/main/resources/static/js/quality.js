/**
 * Connection quality in three plain words. The relay says it (`connection-quality`, from its bandwidth estimate);
 * until it does, or when it falls silent, the page works it out from its own getStats: packet loss both ways
 * (what we receive, and what the relay reports losing of what we send) and the round-trip time.
 */

export const Quality = Object.freeze({ GOOD: 'good', FAIR: 'fair', POOR: 'poor' });
export const QUALITIES = Object.freeze([Quality.GOOD, Quality.FAIR, Quality.POOR]);

/** Above these a call still works but stutters (fair), or mostly fails to (poor). */
export const FAIR_LOSS = 0.03;
export const POOR_LOSS = 0.10;
export const FAIR_RTT_MS = 400;
export const POOR_RTT_MS = 800;
/** The relay's word counts for this long; after that the page's own reading takes over again. */
export const SERVER_QUALITY_FRESH_MS = 10_000;

/**
 * Counters from the getStats reports of both transports (RTCStatsReport or any Map of stats by id).
 * Loss counts are cumulative, so two samples give the loss between them.
 * @param {Iterable<Map<string, object>>} reports
 * @returns {{inReceived: number, inLost: number, outSent: number, outLost: number, rttMs: number|null,
 *   availableKbps: number|null}}
 */
export function sampleStats(reports) {
  const sample = { inReceived: 0, inLost: 0, outSent: 0, outLost: 0, rttMs: null, availableKbps: null };
  const rtt = (seconds) => {
    if (Number.isFinite(seconds) && seconds >= 0) sample.rttMs = Math.max(sample.rttMs ?? 0, seconds * 1000);
  };
  for (const report of reports) {
    if (!report) continue;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') {
        sample.inReceived += s.packetsReceived || 0;
        sample.inLost += Math.max(0, s.packetsLost || 0);
      } else if (s.type === 'outbound-rtp') {
        sample.outSent += s.packetsSent || 0;
      } else if (s.type === 'remote-inbound-rtp') {
        sample.outLost += Math.max(0, s.packetsLost || 0);
        rtt(s.roundTripTime);
      } else if (s.type === 'candidate-pair' && s.state === 'succeeded' && (s.nominated || s.selected)) {
        rtt(s.currentRoundTripTime);
        if (Number.isFinite(s.availableOutgoingBitrate)) {
          sample.availableKbps = Math.round(s.availableOutgoingBitrate / 1000);
        }
      }
    });
  }
  return sample;
}

/**
 * The quality between two samples, or null when nothing flowed and no round trip was measured (nothing to
 * judge by). Loss is the worse of the two directions.
 */
export function qualityFromSamples(previous, current) {
  if (!current) return null;
  const before = previous || { inReceived: 0, inLost: 0, outSent: 0, outLost: 0 };
  const ratio = (lost, total) => (total > 0 ? Math.min(1, Math.max(0, lost) / total) : null);
  const inLost = current.inLost - before.inLost;
  const inTotal = inLost + (current.inReceived - before.inReceived);
  const outLost = current.outLost - before.outLost;
  const outTotal = current.outSent - before.outSent;
  const losses = [ratio(inLost, inTotal), ratio(outLost, outTotal)].filter((x) => x !== null);
  const rttMs = Number.isFinite(current.rttMs) ? current.rttMs : null;
  if (losses.length === 0 && rttMs === null) return null;
  const loss = losses.length ? Math.max(...losses) : 0;
  if (loss >= POOR_LOSS || (rttMs !== null && rttMs >= POOR_RTT_MS)) return Quality.POOR;
  if (loss >= FAIR_LOSS || (rttMs !== null && rttMs >= FAIR_RTT_MS)) return Quality.FAIR;
  return Quality.GOOD;
}

/**
 * What the indicator shows: the relay's report while it is fresh, else the page's own reading.
 * @param {{quality: string, at: number}|null} server the last `connection-quality` and when it came
 * @param {string|null} local from {@link qualityFromSamples}
 * @param {number} now
 */
export function shownQuality(server, local, now) {
  if (server && QUALITIES.includes(server.quality) && now - server.at < SERVER_QUALITY_FRESH_MS) return server.quality;
  return local;
}

/** The indicator's words. */
export function qualityText(quality) {
  switch (quality) {
    case Quality.GOOD: return 'Connection: good';
    case Quality.FAIR: return 'Connection: fair';
    case Quality.POOR: return 'Connection: poor';
    default: return 'Connection: checking';
  }
}

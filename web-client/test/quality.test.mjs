import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Quality, SERVER_QUALITY_FRESH_MS, qualityFromSamples, qualityText, sampleStats, shownQuality,
} from '../src/main/resources/static/js/quality.js';

const report = (...stats) => new Map(stats.map((s, i) => [s.id || `s${i}`, s]));

function reports({ inReceived = 0, inLost = 0, outSent = 0, outLost = 0, rtt = 0.05 }) {
  return [
    report({ type: 'outbound-rtp', kind: 'video', packetsSent: outSent },
      { type: 'remote-inbound-rtp', kind: 'video', packetsLost: outLost, roundTripTime: rtt },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: rtt, availableOutgoingBitrate: 1_234_000 }),
    report({ type: 'inbound-rtp', kind: 'video', packetsReceived: inReceived * 0.8, packetsLost: inLost },
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: inReceived * 0.2, packetsLost: 0 },
      { type: 'candidate-pair', state: 'failed', nominated: true, currentRoundTripTime: 9 }),
  ];
}

test('sampleAddsUpBothTransports', () => {
  const s = sampleStats(reports({ inReceived: 1000, inLost: 7, outSent: 500, outLost: 3, rtt: 0.12 }));
  assert.deepEqual(s, { inReceived: 1000, inLost: 7, outSent: 500, outLost: 3, rttMs: 120, availableKbps: 1234 });
});

test('qualityComesFromLossBetweenSamplesAndRoundTrip', () => {
  const at = (x) => sampleStats(reports(x));
  const start = at({ inReceived: 1000, inLost: 100, outSent: 1000, outLost: 100 });
  // Loss long ago does not count: only what was lost since the last sample.
  assert.equal(qualityFromSamples(start, at({ inReceived: 2000, inLost: 101, outSent: 2000, outLost: 100 })), Quality.GOOD);
  assert.equal(qualityFromSamples(start, at({ inReceived: 2000, inLost: 150, outSent: 2000, outLost: 100 })), Quality.FAIR);
  assert.equal(qualityFromSamples(start, at({ inReceived: 2000, inLost: 100, outSent: 2000, outLost: 250 })), Quality.POOR,
    'what the relay lost of our packets counts too');
  assert.equal(qualityFromSamples(start, at({ inReceived: 2000, inLost: 100, outSent: 2000, outLost: 100, rtt: 0.5 })), Quality.FAIR);
  assert.equal(qualityFromSamples(start, at({ inReceived: 2000, inLost: 100, outSent: 2000, outLost: 100, rtt: 0.9 })), Quality.POOR);
});

test('nothingToJudgeByIsNoQuality', () => {
  assert.equal(qualityFromSamples(null, sampleStats([])), null);
  assert.equal(qualityFromSamples(null, null), null);
  // A round trip alone is enough to say something.
  assert.equal(qualityFromSamples(null, sampleStats([report({ type: 'candidate-pair', state: 'succeeded', selected: true, currentRoundTripTime: 0.02 })])), Quality.GOOD);
});

test('relaysWordWinsWhileFreshThenThePagesOwn', () => {
  const server = { quality: 'poor', at: 1000 };
  assert.equal(shownQuality(server, Quality.GOOD, 1000 + SERVER_QUALITY_FRESH_MS - 1), Quality.POOR);
  assert.equal(shownQuality(server, Quality.GOOD, 1000 + SERVER_QUALITY_FRESH_MS), Quality.GOOD);
  assert.equal(shownQuality({ quality: 'splendid', at: 1000 }, Quality.FAIR, 1000), Quality.FAIR);
  assert.equal(shownQuality(null, null, 0), null);
  assert.equal(qualityText('good'), 'Connection: good');
  assert.equal(qualityText(null), 'Connection: checking');
});

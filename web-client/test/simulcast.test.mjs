import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAYERS, MAX_VIDEO_BITRATE, Mode, answerAcceptsSimulcast, parametersForMode, parseMode, sendEncodingChoices,
  supportsTemporalLayers, withProbedTemporalLayers,
} from '../src/main/resources/static/js/simulcast.js';

const chromiumCapabilities = { codecs: [
  { mimeType: 'video/VP8', clockRate: 90000, scalabilityModes: ['L1T1', 'L1T2', 'L1T3'] },
  { mimeType: 'video/rtx', clockRate: 90000 },
] };
const firefoxCapabilities = { codecs: [{ mimeType: 'video/VP8', clockRate: 90000 }, { mimeType: 'video/H264', clockRate: 90000 }] };

test('threeRidLayersLowestFirstWithL1T3WhenVp8ListsIt', () => {
  const [first, second, last] = sendEncodingChoices(chromiumCapabilities);
  assert.deepEqual(first.map((e) => e.rid), ['q', 'h', 'f']);
  assert.deepEqual(first.map((e) => e.scaleResolutionDownBy), [4, 2, 1]);
  assert.deepEqual(first.map((e) => e.maxBitrate), [150_000, 500_000, 1_200_000]);
  assert.ok(first.every((e) => e.scalabilityMode === 'L1T3' && e.active === true));
  assert.ok(second.every((e) => !('scalabilityMode' in e)), 'then the same layers without a scalability mode');
  assert.deepEqual(last, [{ maxBitrate: MAX_VIDEO_BITRATE }], 'and one plain encoding last');
});

test('browserWithoutL1T3ForVp8PublishesOneEncoding', () => {
  // Firefox ESR lists no scalability modes; its rid offer sent nothing the relay could forward without simulcast.
  for (const caps of [firefoxCapabilities, null, {}, { codecs: [{ mimeType: 'video/H264', scalabilityModes: ['L1T3'] }] }]) {
    assert.deepEqual(sendEncodingChoices(caps), [[{ maxBitrate: MAX_VIDEO_BITRATE }]], JSON.stringify(caps));
  }
  assert.equal(supportsTemporalLayers(chromiumCapabilities), true);
  assert.equal(supportsTemporalLayers({ codecs: [{ mimeType: 'video/VP8', scalabilityModes: ['L1T2'] }] }), false);
});

test('choicesAreFreshObjectsNotTheSharedLayers', () => {
  const choices = sendEncodingChoices(chromiumCapabilities);
  choices[0][0].maxBitrate = 1;
  assert.equal(LAYERS[0].maxBitrate, 150_000);
  assert.equal(sendEncodingChoices(chromiumCapabilities)[0][0].maxBitrate, 150_000);
});

const answerWith = (videoLines) => ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0',
  'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', ...videoLines, ''].join('\r\n');

test('answerAcceptsSimulcastOnlyWithSimulcastRecvInTheVideoSection', () => {
  assert.equal(answerAcceptsSimulcast(answerWith(['a=rid:q recv', 'a=rid:h recv', 'a=rid:f recv', 'a=simulcast:recv q;h;f'])), true);
  assert.equal(answerAcceptsSimulcast(answerWith(['a=sendonly'])), false, 'the relay today: no simulcast');
  assert.equal(answerAcceptsSimulcast('m=audio 9 X 111\r\na=simulcast:recv q;h\r\nm=video 9 X 96\r\n'), false,
    'a simulcast line outside the video section does not count');
  assert.equal(answerAcceptsSimulcast(answerWith(['a=simulcast:send q;h'])), false);
  assert.equal(answerAcceptsSimulcast(undefined), false);
});

const simulcastParameters = () => ({ transactionId: 't1', encodings: [
  { rid: 'q', active: true, scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', active: true, scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', active: true, scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
] });

test('modesSwitchSimulcastLayersOnAndOff', () => {
  const active = (mode) => parametersForMode(simulcastParameters(), mode).encodings.map((e) => `${e.rid}:${e.active}`);
  assert.deepEqual(active(Mode.NORMAL), ['q:true', 'h:true', 'f:true']);
  assert.deepEqual(active(Mode.LOW_DATA), ['q:true', 'h:false', 'f:false']);
  assert.deepEqual(active(Mode.AUDIO_ONLY), ['q:false', 'h:false', 'f:false']);
  const input = simulcastParameters();
  const out = parametersForMode(input, Mode.AUDIO_ONLY);
  assert.equal(out.transactionId, 't1', 'setParameters needs the transaction id back');
  assert.equal(input.encodings[0].active, true, 'the input is left alone');
});

test('oneEncodingLeftByTheRelayIsTheFullPictureOrTheLowestLayerForLowData', () => {
  // Without a=simulcast in the answer the browser keeps only the first encoding, the lowest layer.
  const single = () => ({ transactionId: 't2', encodings: [{ rid: 'q', active: true, scaleResolutionDownBy: 4, maxBitrate: 150_000 }] });
  const normal = parametersForMode(single(), Mode.NORMAL).encodings[0];
  assert.deepEqual([normal.active, normal.scaleResolutionDownBy, normal.maxBitrate], [true, 1, MAX_VIDEO_BITRATE]);
  const low = parametersForMode(single(), Mode.LOW_DATA).encodings[0];
  assert.deepEqual([low.active, low.scaleResolutionDownBy, low.maxBitrate], [true, 4, 150_000]);
  assert.equal(parametersForMode(single(), Mode.AUDIO_ONLY).encodings[0].active, false);
  assert.deepEqual(parametersForMode({ encodings: [] }, Mode.NORMAL).encodings, []);
});

test('storedModeIsParsedStrictly', () => {
  assert.equal(parseMode('low-data'), Mode.LOW_DATA);
  assert.equal(parseMode('audio-only'), Mode.AUDIO_ONLY);
  assert.equal(parseMode('nonsense'), Mode.NORMAL);
  assert.equal(parseMode(null), Mode.NORMAL);
});

test('probedL1T3CompletesCapabilitiesThatListNoScalabilityModes', () => {
  // Chromium 156: VP8 without scalabilityModes, yet its probe sender kept L1T3 on both rid encodings.
  const chromium156 = { codecs: [{ mimeType: 'video/VP8', clockRate: 90000 }, { mimeType: 'video/rtx', clockRate: 90000 }] };
  const completed = withProbedTemporalLayers(chromium156, ['L1T3', 'L1T3']);
  assert.equal(supportsTemporalLayers(completed), true);
  assert.deepEqual(sendEncodingChoices(completed)[0].map((e) => e.rid), ['q', 'h', 'f']);
  assert.equal(chromium156.codecs[0].scalabilityModes, undefined, 'the input is left alone');
  assert.equal(completed.codecs[1].scalabilityModes, undefined, 'only VP8 is completed');
  // A browser that dropped the unknown member (Firefox ESR), or kept it on one encoding only, stays at one stream.
  for (const kept of [[undefined, undefined], ['L1T3', undefined], [], null]) {
    assert.equal(withProbedTemporalLayers(firefoxCapabilities, kept), firefoxCapabilities, JSON.stringify(kept));
  }
  assert.equal(withProbedTemporalLayers(null, ['L1T3']), null);
  assert.equal(withProbedTemporalLayers(chromiumCapabilities, ['L1T3']), chromiumCapabilities, 'already listed');
});

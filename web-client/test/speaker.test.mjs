import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeakerDetector } from '../src/main/resources/static/js/speaker.js';

function run(detector, frames) {
  let result = null;
  for (const [t, levels] of frames) result = detector.update(levels, t);
  return result;
}

test('silenceHasNoSpeaker', () => {
  assert.equal(run(new SpeakerDetector(), [[0, { a: 0, b: 0.001 }], [500, { a: 0, b: 0 }]]), null);
});

test('sustainedSpeechMakesASpeaker', () => {
  const d = new SpeakerDetector();
  assert.equal(d.update({ a: 0.2, b: 0 }, 0), null, 'a click is not speech');
  assert.equal(d.update({ a: 0.2, b: 0 }, 400), 'a');
});

test('shortPauseKeepsTheHighlight', () => {
  const d = new SpeakerDetector();
  run(d, [[0, { a: 0.2 }], [400, { a: 0.2 }]]);
  assert.equal(d.update({ a: 0 }, 900), 'a');
  assert.equal(d.update({ a: 0 }, 2500), null);
});

test('someoneElseTakesOverAfterTheSpeakerStops', () => {
  const d = new SpeakerDetector();
  run(d, [[0, { a: 0.3, b: 0 }], [400, { a: 0.3, b: 0 }]]);
  assert.equal(d.update({ a: 0.3, b: 0.5 }, 500), 'a', 'no interrupting mid-sentence');
  assert.equal(d.update({ a: 0.3, b: 0.5 }, 900), 'a');
  assert.equal(d.update({ a: 0, b: 0.5 }, 1000), 'b');
});

test('departedParticipantIsForgotten', () => {
  const d = new SpeakerDetector();
  run(d, [[0, { a: 0.3 }], [400, { a: 0.3 }]]);
  assert.equal(d.update({ b: 0 }, 500), null);
});

test('mapInputWorksToo', () => {
  const d = new SpeakerDetector({ onsetMs: 0 });
  assert.equal(d.update(new Map([['x', 0.5]]), 0), 'x');
});

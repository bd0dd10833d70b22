import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewReporter, buildView, sameView, VIEW_DEBOUNCE_MS } from '../src/main/resources/static/js/view-report.js';

/** Timers the test advances by hand: no waiting on the clock. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map();
  return {
    setTimeout(fn, ms) { const id = next++; due.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(id) { due.delete(id); },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) { due.delete(id); t.fn(); }
      }
    },
    get pending() { return due.size; },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

function reporter({ fail } = {}) {
  const timers = manualTimers();
  const sent = [];
  const r = new ViewReporter({ timers, send: async (fields) => { sent.push(fields); if (fail) throw fail(sent.length); return { type: 'ok' }; } });
  return { r, timers, sent };
}

const tile = (participantId, width, height, pinned = false) => ({ participantId, width, height, pinned });

test('viewListsTilesInIdOrderInWholePixels', () => {
  assert.deepEqual(buildView([tile('p-b', 320.4, 179.6), tile('p-a', 640, 360, true)], 'low-data'), {
    tiles: [{ participantId: 'p-a', width: 640, height: 360, pinned: true }, { participantId: 'p-b', width: 320, height: 180, pinned: false }],
    mode: 'low-data',
  });
  assert.deepEqual(buildView([tile('p-a', -5, Number.NaN), { width: 3 }], 'bogus'),
    { tiles: [{ participantId: 'p-a', width: 0, height: 0, pinned: false }], mode: 'normal' });
  assert.equal(sameView(buildView([tile('p-a', 1, 2)], 'normal'), buildView([tile('p-a', 1, 2)], 'normal')), true);
  assert.equal(sameView(buildView([tile('p-a', 1, 2)], 'normal'), buildView([tile('p-a', 1, 3)], 'normal')), false);
  assert.equal(sameView(buildView([tile('p-a', 1, 2)], 'normal'), buildView([tile('p-a', 1, 2, true)], 'normal')), false);
  assert.equal(sameView(buildView([tile('p-a', 1, 2)], 'normal'), buildView([tile('p-a', 1, 2)], 'audio-only')), false);
});

test('burstOfResizesSendsOneReportAfterTheDebounce', async () => {
  const { r, timers, sent } = reporter();
  for (let w = 100; w <= 320; w += 20) {
    r.update([tile('p-a', w, w * 9 / 16)], 'normal');
    timers.advance(100);
  }
  assert.equal(sent.length, 0, 'nothing while the size keeps changing');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.deepEqual(sent, [{ tiles: [{ participantId: 'p-a', width: 320, height: 180, pinned: false }], mode: 'normal' }]);
});

test('unchangedViewIsNotSentAgainButAChangeIs', async () => {
  const { r, timers, sent } = reporter();
  r.update([tile('p-a', 320, 180)], 'normal');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  r.update([tile('p-a', 320, 180)], 'normal');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 1);
  r.update([tile('p-a', 320, 180)], 'audio-only');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 2);
  assert.equal(sent[1].mode, 'audio-only');
  r.forget(); // reconnected: the server may not know it any more
  r.update([tile('p-a', 320, 180)], 'audio-only');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 3);
});

test('serverThatDoesNotKnowViewStopsTheReportsQuietly', async () => {
  const unknown = Object.assign(new Error('Unknown message type.'), { code: 'unknown-type' });
  const { r, timers, sent } = reporter({ fail: () => unknown });
  r.update([tile('p-a', 320, 180)], 'normal');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 1);
  r.update([tile('p-a', 640, 360)], 'low-data');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 1, 'no more reports after unknown-type');
  assert.equal(timers.pending, 0);
});

test('otherFailureLetsTheSameViewBeSentAgain', async () => {
  const limited = Object.assign(new Error('Slow down.'), { code: 'rate-limited' });
  const { r, timers, sent } = reporter({ fail: (n) => (n === 1 ? limited : null) });
  r.update([tile('p-a', 320, 180)], 'normal');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  r.update([tile('p-a', 320, 180)], 'normal');
  timers.advance(VIEW_DEBOUNCE_MS);
  await flush();
  assert.equal(sent.length, 2);
});

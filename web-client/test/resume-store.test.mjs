import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { resumeStore } from '../src/main/resources/static/js/resume-store.js';
import { RESUME_WINDOW_MS } from '../src/main/resources/static/js/protocol.js';

const items = new Map();
globalThis.sessionStorage = {
  getItem: (k) => (items.has(k) ? items.get(k) : null),
  setItem: (k, v) => items.set(k, String(v)),
  removeItem: (k) => items.delete(k),
};

beforeEach(() => items.clear());

test('tokenComesBackForItsRoomInsideTheWindow', () => {
  resumeStore.save('r-1', 'tok', 1000);
  assert.equal(resumeStore.load('r-1', 1000 + RESUME_WINDOW_MS - 1), 'tok');
  assert.equal(resumeStore.load(null, 1000), 'tok');
  assert.equal(resumeStore.load('r-2', 1000), null);
});

test('tokenExpiresWithTheServersWindow', () => {
  resumeStore.save('r-1', 'tok', 1000);
  assert.equal(resumeStore.load('r-1', 1000 + RESUME_WINDOW_MS), null);
});

test('leavingThePageRestartsTheWindow', () => {
  resumeStore.save('r-1', 'tok', 0);
  resumeStore.touch(10 * 60_000);
  assert.equal(resumeStore.load('r-1', 10 * 60_000 + 5000), 'tok');
});

test('clearForgetsAndGarbageIsIgnored', () => {
  resumeStore.save('r-1', 'tok', 0);
  resumeStore.clear();
  assert.equal(resumeStore.load('r-1', 0), null);
  items.set('hearth.resume', '{not json');
  assert.equal(resumeStore.load('r-1', 0), null);
  resumeStore.touch(1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolClient, ProtocolError, RESUME_WINDOW_MS, socketUrl } from '../src/main/resources/static/js/protocol.js';

/** A scripted WebSocket: the test plays the server. */
class FakeSocket {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.handlers = { open: [], message: [], close: [] };
    FakeSocket.instances.push(this);
  }
  addEventListener(type, handler, options) {
    const wrapped = options && options.once ? (e) => { this.remove(type, wrapped); handler(e); } : handler;
    this.handlers[type].push(wrapped);
  }
  remove(type, handler) { this.handlers[type] = this.handlers[type].filter((h) => h !== handler); }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { if (this.readyState < 3) this.serverClose(); }
  serverOpen() { this.readyState = 1; [...this.handlers.open].forEach((h) => h({})); }
  serverSend(message) { [...this.handlers.message].forEach((h) => h({ data: JSON.stringify(message) })); }
  serverClose() { this.readyState = 3; [...this.handlers.close].forEach((h) => h({})); }
  last() { return this.sent[this.sent.length - 1]; }
}

function fakeTimers() {
  const timers = { queue: [], intervals: [] };
  timers.setTimeout = (fn, ms) => { timers.queue.push({ fn, ms }); return timers.queue.length; };
  timers.clearTimeout = () => {};
  timers.setInterval = (fn, ms) => { timers.intervals.push({ fn, ms }); return timers.intervals.length; };
  timers.clearInterval = (id) => { timers.intervals[id - 1] = null; };
  timers.runNext = () => timers.queue.shift().fn();
  return timers;
}

function setup() {
  FakeSocket.instances = [];
  const timers = fakeTimers();
  let clock = 0;
  const client = new ProtocolClient({ url: 'ws://h/ws', WebSocketImpl: FakeSocket, timers, now: () => clock });
  return { client, timers, advance: (ms) => { clock += ms; }, socket: () => FakeSocket.instances.at(-1) };
}

async function connected() {
  const env = setup();
  const opening = env.client.connect();
  env.socket().serverOpen();
  await opening;
  return env;
}

test('socketUrlFollowsThePageSchemeAndHost', () => {
  assert.equal(socketUrl({ protocol: 'https:', host: 'a.example:8443' }), 'wss://a.example:8443/ws');
  assert.equal(socketUrl({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws');
});

test('requestCarriesAFreshIdAndResolvesWithTheEchoedReply', async () => {
  const { client, socket } = await connected();
  const reply = client.request('join', { firstName: 'Ana' });
  const sent = socket().last();
  assert.equal(sent.type, 'join');
  assert.equal(sent.firstName, 'Ana');
  socket().serverSend({ type: 'lobby', id: sent.id, participantId: 'p-1' });
  assert.equal((await reply).participantId, 'p-1');
  client.request('ping');
  assert.notEqual(socket().last().id, sent.id);
});

test('errorReplyRejectsWithItsStableCode', async () => {
  const { client, socket } = await connected();
  const reply = client.request('join', { firstName: 'John Smith' });
  socket().serverSend({ type: 'error', id: socket().last().id, code: 'invalid-name', message: 'A first name is…' });
  await assert.rejects(reply, (e) => e instanceof ProtocolError && e.code === 'invalid-name');
});

test('eventsWithoutIdReachEveryListener', async () => {
  const { client, socket } = await connected();
  const seen = [];
  client.onMessage((m) => seen.push(m.type));
  socket().serverSend({ type: 'lock-changed', locked: true });
  socket().serverSend('not an object');
  socket().serverSend({ noType: 1 });
  assert.deepEqual(seen, ['lock-changed']);
});

test('pendingRequestsFailWhenTheConnectionDrops', async () => {
  const { client, socket } = await connected();
  const reply = client.request('admit', { participantId: 'p-2' });
  socket().serverClose();
  await assert.rejects(reply, (e) => e.code === 'connection-lost');
});

test('requestOnAClosedConnectionRejectsAtOnce', async () => {
  const { client } = setup();
  await assert.rejects(client.request('ping'), (e) => e.code === 'connection-lost');
});

test('pingKeepsTheSocketUnderTheIdleLimit', async () => {
  const { timers, socket } = await connected();
  assert.equal(timers.intervals.length, 1);
  assert.ok(timers.intervals[0].ms < 60_000);
  timers.intervals[0].fn();
  assert.equal(socket().last().type, 'ping');
});

test('droppedConnectionWithResumeTokenReconnectsAndResumes', async () => {
  const { client, timers, socket } = await connected();
  const states = [];
  client.onConnection((s) => states.push(s));
  client.setResumeToken('tok-1');
  const first = socket();
  first.serverClose();
  assert.deepEqual(states, ['reconnecting']);
  timers.runNext();
  const second = socket();
  assert.notEqual(second, first);
  second.serverOpen();
  const resume = second.last();
  assert.equal(resume.type, 'resume');
  assert.equal(resume.resumeToken, 'tok-1');
  second.serverSend({ type: 'admitted', id: resume.id, resumed: true, resumeToken: 'tok-2' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(states, ['reconnecting', 'resumed']);
});

test('expiredResumeTokenEndsInLost', async () => {
  const { client, timers, socket } = await connected();
  const states = [];
  client.onConnection((s) => states.push(s));
  client.setResumeToken('tok-1');
  socket().serverClose();
  timers.runNext();
  socket().serverOpen();
  socket().serverSend({ type: 'error', id: socket().last().id, code: 'resume-expired', message: 'expired' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(states, ['reconnecting', 'lost']);
});

test('noReconnectAfterTheResumeWindow', async () => {
  const { client, timers, socket, advance } = await connected();
  const states = [];
  client.onConnection((s) => states.push(s));
  client.setResumeToken('tok-1');
  socket().serverClose();
  timers.runNext();
  advance(RESUME_WINDOW_MS);
  socket().serverClose();
  assert.deepEqual(states, ['reconnecting', 'lost']);
});

test('dropWithoutResumeTokenIsLost', async () => {
  const { client, socket } = await connected();
  const states = [];
  client.onConnection((s) => states.push(s));
  socket().serverClose();
  assert.deepEqual(states, ['lost']);
});

test('closeByThePageNeverReconnects', async () => {
  const { client, timers } = await connected();
  const states = [];
  client.onConnection((s) => states.push(s));
  client.setResumeToken('tok-1');
  client.close();
  assert.deepEqual(states, []);
  assert.equal(timers.queue.length, 0);
});

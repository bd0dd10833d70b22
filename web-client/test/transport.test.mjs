import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaLink } from '../src/main/resources/static/js/transport.js';

/** Enough of RTCPeerConnection to follow offer/answer and ICE state. */
class FakePeerConnection {
  static all = [];
  constructor(config = {}) {
    this.config = config;
    this.stats = new Map();
    this.transceivers = [];
    this.listeners = {};
    this.log = [];
    this.iceConnectionState = 'new';
    this.localDescription = null;
    FakePeerConnection.all.push(this);
  }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  emit(type, event) { (this.listeners[type] || []).forEach((fn) => fn(event)); }
  addTransceiver(track, init) { this.transceivers.push({ track, init }); }
  async createOffer(options) { this.log.push(['createOffer', options || {}]); return { type: 'offer', sdp: 'local-offer' }; }
  async createAnswer() { this.log.push(['createAnswer']); return { type: 'answer', sdp: 'local-answer' }; }
  async setLocalDescription(d) { this.localDescription = d; this.log.push(['setLocal', d.type]); }
  async setRemoteDescription(d) { this.log.push(['setRemote', d.type, d.sdp]); }
  async getStats() { return this.stats; }
  getConfiguration() { return this.config; }
  setConfiguration(config) { this.config = config; }
  close() { this.log.push(['close']); }
}

function fakeClient(replies = {}) {
  const sent = [];
  return {
    sent,
    request: async (type, fields = {}) => {
      sent.push({ type, ...fields });
      return replies[type] ? replies[type](fields) : { type: 'ok' };
    },
  };
}

const stream = {
  getTracks: () => [{ kind: 'audio', id: 'a' }, { kind: 'video', id: 'v' }],
};

function link(client, localStream = stream, onRemoteStream = () => {}) {
  FakePeerConnection.all = [];
  return new MediaLink({ client, localStream, onRemoteStream, RTCPeerConnectionImpl: FakePeerConnection });
}

const flush = () => new Promise((r) => setImmediate(r));

test('publishOffersSendOnlyTracksAndAppliesTheRelaysAnswer', async () => {
  const client = fakeClient({ publish: () => ({ type: 'publish-answer', sdp: 'relay-answer' }) });
  const media = link(client);
  await media.start();
  const pc = FakePeerConnection.all[0];
  assert.deepEqual(pc.transceivers.map((t) => t.init.direction), ['sendonly', 'sendonly']);
  assert.ok(pc.transceivers.find((t) => t.track.kind === 'video').init.sendEncodings[0].maxBitrate >= 1_000_000);
  assert.deepEqual(client.sent[0], { type: 'publish', sdp: 'local-offer' });
  assert.deepEqual(pc.log.find((l) => l[0] === 'setRemote'), ['setRemote', 'answer', 'relay-answer']);
});

test('startingOnlyPublishesTheServerOffersTheSubscribeSide', async () => {
  const client = fakeClient({ publish: () => ({ sdp: 'a' }) });
  await link(client).start();
  assert.deepEqual(client.sent.map((m) => m.type), ['publish']);
});

test('viewOnlyPersonSendsNothingAndAnswersTheServersOffer', async () => {
  const client = fakeClient();
  const media = link(client, null);
  await media.start();
  assert.deepEqual(client.sent.map((m) => m.type), []);
  await media.handleSubscribeOffer('relay-offer');
  assert.deepEqual(client.sent.map((m) => m.type), ['subscribe-answer']);
});

test('noExtraAskWhenAnOfferAlreadyCame', async () => {
  const client = fakeClient({ publish: () => ({ sdp: 'a' }) });
  const media = link(client);
  media.handleSubscribeOffer('relay-offer');
  await media.start();
  await flush();
  assert.deepEqual(client.sent.map((m) => m.type).sort(), ['publish', 'subscribe-answer']);
});

test('subscribeOffersAreAnsweredInOrderAndTracksMapToTheirPerson', async () => {
  const client = fakeClient();
  const seen = [];
  const media = link(client, null, (id, s) => seen.push([id, s.id]));
  media.handleSubscribeOffer('offer-1');
  await media.handleSubscribeOffer('offer-2');
  const pc = FakePeerConnection.all[0];
  assert.deepEqual(pc.log.filter((l) => l[0] === 'setRemote').map((l) => l[2]), ['offer-1', 'offer-2']);
  assert.deepEqual(client.sent.map((m) => m.type), ['subscribe-answer', 'subscribe-answer']);
  const remote = { id: 'p-ana' };
  pc.emit('track', { track: { id: 't1' }, streams: [remote] });
  assert.deepEqual(seen, [['p-ana', 'p-ana']]);
  assert.equal(media.remoteStream('p-ana'), remote);
});

test('failedIceRestartsBothTransports', async () => {
  const client = fakeClient({ publish: () => ({ sdp: 'a' }) });
  const media = link(client);
  media.handleSubscribeOffer('offer');
  await media.start();
  await flush();
  client.sent.length = 0;
  const publisher = FakePeerConnection.all.find((pc) => pc.transceivers.length > 0);
  const subscriber = FakePeerConnection.all.find((pc) => pc.transceivers.length === 0);
  publisher.iceConnectionState = 'failed';
  publisher.emit('iceconnectionstatechange');
  subscriber.iceConnectionState = 'failed';
  subscriber.emit('iceconnectionstatechange');
  await flush();
  assert.deepEqual(client.sent.map((m) => m.type).sort(), ['ice-restart', 'publish']);
  assert.deepEqual(publisher.log.filter((l) => l[0] === 'createOffer').at(-1), ['createOffer', { iceRestart: true }]);
  media.close();
});

test('closedLinkIgnoresLateOffers', async () => {
  const client = fakeClient();
  const media = link(client, null);
  media.close();
  await media.handleSubscribeOffer('late');
  assert.equal(client.sent.length, 0);
});

test('afterASignalingBlipOnlyDroppedTransportsRestart', async () => {
  const client = fakeClient({ publish: () => ({ sdp: 'a' }) });
  const media = link(client);
  media.handleSubscribeOffer('offer');
  await media.start();
  await flush();
  const publisher = FakePeerConnection.all.find((pc) => pc.transceivers.length > 0);
  const subscriber = FakePeerConnection.all.find((pc) => pc.transceivers.length === 0);
  publisher.iceConnectionState = 'connected';
  subscriber.iceConnectionState = 'connected';
  client.sent.length = 0;
  media.restartIceIfNeeded();
  await flush();
  assert.deepEqual(client.sent, [], 'healthy media is left alone');
  subscriber.iceConnectionState = 'disconnected';
  media.restartIceIfNeeded();
  await flush();
  assert.deepEqual(client.sent.map((m) => m.type), ['ice-restart']);
  media.close();
});

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    pending,
    setTimeout: (fn, ms) => { pending.set(next, { fn, ms }); return next++; },
    clearTimeout: (id) => { pending.delete(id); },
    fireAll: () => { const due = [...pending.values()]; pending.clear(); due.forEach((t) => t.fn()); },
  };
}

const TURN = [{ urls: ['turn:turn.example.org:3478?transport=udp'], username: '1:p-a', credential: 'c1' }];

test('connectionsGatherWithTheAdmissionsTurnServers', async () => {
  const client = fakeClient({ publish: () => ({ type: 'publish-answer', sdp: 'relay-answer' }) });
  FakePeerConnection.all = [];
  const media = new MediaLink({ client, localStream: stream, onRemoteStream: () => {}, timers: manualTimers(),
    ice: { iceServers: TURN, iceServersValidSeconds: 7200 }, RTCPeerConnectionImpl: FakePeerConnection });
  await media.start();
  assert.deepEqual(FakePeerConnection.all[0].config.iceServers, TURN);
});

test('withoutTurnNothingIsRenewed', async () => {
  const timers = manualTimers();
  const media = new MediaLink({ client: fakeClient(), localStream: null, onRemoteStream: () => {}, timers,
    RTCPeerConnectionImpl: FakePeerConnection });
  assert.equal(timers.pending.size, 0);
  assert.deepEqual(media.iceServers, []);
});

/**
 * A publishing link admitted with TURN credentials valid for 100 s, whose selected pair's local candidate is
 * `candidateType`, and whose renewal answers `renewed`.
 */
async function publishingWithTurn(candidateType, renewed) {
  const client = fakeClient({
    publish: () => ({ type: 'publish-answer', sdp: 'relay-answer' }),
    'ice-servers': () => ({ type: 'ice-servers', iceServers: renewed, iceServersValidSeconds: 7200 }),
  });
  const timers = manualTimers();
  FakePeerConnection.all = [];
  const media = new MediaLink({ client, localStream: stream, onRemoteStream: () => {}, timers,
    ice: { iceServers: TURN, iceServersValidSeconds: 100 }, RTCPeerConnectionImpl: FakePeerConnection });
  await media.start();
  const pc = FakePeerConnection.all[0];
  pc.stats = new Map([
    ['pair', { type: 'candidate-pair', selected: true, state: 'succeeded', localCandidateId: 'local' }],
    ['local', { type: 'local-candidate', candidateType }],
  ]);
  return { client, timers, pc };
}

test('credentialsAreRenewedBeforeTheyExpireAndARelayedTransportRestartsWithThem', async () => {
  const renewed = [{ urls: TURN[0].urls, username: '2:p-a', credential: 'c2' }];
  const { client, timers, pc } = await publishingWithTurn('relay', renewed);
  const renewal = [...timers.pending.values()][0];
  assert.equal(renewal.ms, 80_000, 'renewed at 80% of the lifetime');
  timers.fireAll();
  await flush(); await flush(); await flush();
  assert.ok(client.sent.some((m) => m.type === 'ice-servers'));
  assert.deepEqual(pc.config.iceServers, renewed);
  assert.ok(pc.log.some((l) => l[0] === 'createOffer' && l[1].iceRestart), 'the relayed transport restarts ICE');
  assert.equal(timers.pending.size, 1, 'the next renewal is scheduled');
});

test('aDirectTransportKeepsRunningWhenCredentialsAreRenewed', async () => {
  const { client, timers, pc } = await publishingWithTurn('host', TURN);
  timers.fireAll();
  await flush(); await flush(); await flush();
  assert.ok(client.sent.some((m) => m.type === 'ice-servers'), 'renewed all the same');
  assert.ok(!pc.log.some((l) => l[0] === 'createOffer' && l[1].iceRestart));
});

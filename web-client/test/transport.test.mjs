import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaLink } from '../src/main/resources/static/js/transport.js';

/** Enough of RTCPeerConnection to follow offer/answer and ICE state. */
class FakePeerConnection {
  static all = [];
  constructor() {
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
  async getStats() { return new Map(); }
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

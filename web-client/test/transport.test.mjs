import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_VIDEO_BITRATE, MediaLink } from '../src/main/resources/static/js/transport.js';

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
  addTransceiver(track, init) {
    if (FakePeerConnection.refuse && FakePeerConnection.refuse(init)) throw new TypeError('refused');
    const sender = new FakeSender(init.sendEncodings);
    const transceiver = { track, init, sender };
    this.transceivers.push(transceiver);
    return transceiver;
  }
  async createOffer(options) { this.log.push(['createOffer', options || {}]); return { type: 'offer', sdp: 'local-offer' }; }
  async createAnswer() { this.log.push(['createAnswer']); return { type: 'answer', sdp: 'local-answer' }; }
  async setLocalDescription(d) { this.localDescription = d; this.log.push(['setLocal', d.type]); }
  async setRemoteDescription(d) { this.log.push(['setRemote', d.type, d.sdp]); }
  async getStats() { return this.stats; }
  getConfiguration() { return this.config; }
  setConfiguration(config) { this.config = config; }
  close() { this.log.push(['close']); }
}

/**
 * A sender that behaves like the browser's after negotiation: without simulcast in the answer only the first
 * encoding is left (webrtc-pc), and setParameters takes the same encodings back.
 */
class FakeSender {
  constructor(encodings = [{}]) {
    this.encodings = encodings.map((e) => ({ active: true, ...e }));
    this.set = [];
  }
  negotiated(simulcast) {
    if (!simulcast) this.encodings = this.encodings.slice(0, 1);
  }
  getParameters() { return { transactionId: `t${this.set.length}`, encodings: this.encodings.map((e) => ({ ...e })) }; }
  async setParameters(parameters) {
    if (parameters.encodings.length !== this.encodings.length) throw new Error('InvalidModificationError');
    this.set.push(parameters);
    this.encodings = parameters.encodings.map((e) => ({ ...e }));
  }
}

const SIMULCAST_ANSWER = 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n';

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

function link(client, localStream = stream, onRemoteStream = () => {}, options = {}) {
  FakePeerConnection.all = [];
  FakePeerConnection.refuse = options.refuse || null;
  return new MediaLink({ client, localStream, onRemoteStream, RTCPeerConnectionImpl: FakePeerConnection,
    videoCapabilities: () => ({ codecs: [{ mimeType: 'video/VP8', scalabilityModes: ['L1T3'] }] }), ...options });
}

/** Publishes with the relay answering `answer`; the fake sender then keeps what that answer leaves it. */
async function published(answer, options = {}) {
  const client = fakeClient({ publish: () => ({ type: 'publish-answer', sdp: answer }) });
  const media = link(client, stream, () => {}, options);
  const started = media.start();
  const pc = FakePeerConnection.all[0];
  const camera = pc.transceivers.find((t) => t.track.kind === 'video');
  // The answer is applied inside start(): narrow the encodings the way the browser does before parameters are read.
  const original = pc.setRemoteDescription.bind(pc);
  pc.setRemoteDescription = async (d) => { await original(d); camera.sender.negotiated(d.sdp.includes('a=simulcast:recv')); };
  await started;
  await media.parametersQueue;
  return { media, client, pc, camera };
}

const flush = () => new Promise((r) => setImmediate(r));

test('publishOffersSendOnlyTracksAndAppliesTheRelaysAnswer', async () => {
  const client = fakeClient({ publish: () => ({ type: 'publish-answer', sdp: 'relay-answer' }) });
  const media = link(client);
  await media.start();
  const pc = FakePeerConnection.all[0];
  assert.deepEqual(pc.transceivers.map((t) => t.init.direction), ['sendonly', 'sendonly']);
  assert.deepEqual(pc.transceivers.find((t) => t.track.kind === 'video').init.sendEncodings.map((e) => e.rid), ['q', 'h', 'f']);
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

test('cameraOffersThreeRidLayersWithTemporalLayersAndKeepsThemWhenTheRelayAccepts', async () => {
  const { camera, media } = await published(SIMULCAST_ANSWER);
  assert.deepEqual(camera.init.sendEncodings.map((e) => [e.rid, e.scaleResolutionDownBy, e.scalabilityMode]),
    [['q', 4, 'L1T3'], ['h', 2, 'L1T3'], ['f', 1, 'L1T3']]);
  assert.equal(media.simulcast, true);
  assert.deepEqual(camera.sender.encodings.map((e) => `${e.rid}:${e.active}`), ['q:true', 'h:true', 'f:true']);
});

test('relayWithoutSimulcastGetsTheFullPictureOnTheOneEncodingLeft', async () => {
  const { camera, media } = await published('v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n');
  assert.equal(media.simulcast, false);
  assert.equal(camera.sender.encodings.length, 1);
  const [only] = camera.sender.encodings;
  assert.deepEqual([only.active, only.scaleResolutionDownBy, only.maxBitrate], [true, 1, MAX_VIDEO_BITRATE]);
});

test('browserThatRefusesRidsOrScalabilityFallsBackToOneEncoding', async () => {
  const refusesScalability = await published('v=0\r\n', { refuse: (init) => init.sendEncodings?.some((e) => e.scalabilityMode) });
  assert.deepEqual(refusesScalability.camera.init.sendEncodings.map((e) => e.rid), ['q', 'h', 'f']);
  assert.ok(refusesScalability.camera.init.sendEncodings.every((e) => !e.scalabilityMode));
  const refusesRids = await published('v=0\r\n', { refuse: (init) => init.sendEncodings?.some((e) => e.rid) });
  assert.deepEqual(refusesRids.camera.init.sendEncodings, [{ maxBitrate: MAX_VIDEO_BITRATE }]);
  assert.equal(refusesRids.camera.sender.encodings[0].active, true);
});

test('modesSetTheCameraLayersWithoutRenegotiating', async () => {
  const { camera, media, client } = await published(SIMULCAST_ANSWER, { mode: 'low-data' });
  assert.deepEqual(camera.sender.encodings.map((e) => e.active), [true, false, false], 'low data from the start');
  await media.setMode('audio-only');
  assert.deepEqual(camera.sender.encodings.map((e) => e.active), [false, false, false]);
  await media.setMode('normal');
  assert.deepEqual(camera.sender.encodings.map((e) => e.active), [true, true, true]);
  assert.deepEqual(client.sent.map((m) => m.type), ['publish'], 'no new offer for a mode change');
});

test('refusedSetParametersLeavesTheCallGoing', async () => {
  const errors = [];
  const { camera, media } = await published(SIMULCAST_ANSWER, { onError: (e) => errors.push(e) });
  camera.sender.setParameters = async () => { throw new Error('InvalidStateError'); };
  await media.setMode('audio-only');
  await media.setMode('normal');
  assert.deepEqual(errors, []);
});

test('qualitySampleReadsBothTransports', async () => {
  const { media, pc } = await published(SIMULCAST_ANSWER);
  pc.stats = new Map([['o', { type: 'outbound-rtp', packetsSent: 40 }], ['r', { type: 'remote-inbound-rtp', packetsLost: 2, roundTripTime: 0.1 }]]);
  const sample = await media.qualitySample();
  assert.deepEqual([sample.outSent, sample.outLost, sample.rttMs], [40, 2, 100]);
});

test('tabWhoseRelayRefusedSimulcastPublishesOneEncodingNextTime', async () => {
  const answers = [];
  const first = await published('v=0\r\n', { onSimulcastAnswer: (accepted) => answers.push(accepted) });
  assert.deepEqual(answers, [false]);
  assert.deepEqual(first.camera.init.sendEncodings.map((e) => e.rid), ['q', 'h', 'f']);
  const next = await published('v=0\r\n', { singleLayer: true });
  assert.deepEqual(next.camera.init.sendEncodings, [{ maxBitrate: MAX_VIDEO_BITRATE }]);
  const accepted = [];
  await published(SIMULCAST_ANSWER, { onSimulcastAnswer: (a) => accepted.push(a) });
  assert.deepEqual(accepted, [true]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../src/main/resources/static/js/session.js';

/** The protocol client as the session uses it: messages are pushed in by the test. */
function fakeClient() {
  const client = {
    listeners: [],
    onMessage(fn) { this.listeners.push(fn); },
    onConnection() {},
    setResumeToken(token) { this.token = token; },
    request: async () => ({}),
    close() {},
    deliver(message) { this.listeners.forEach((fn) => fn(message)); },
  };
  return client;
}

/** Any view method is a no-op; the tile report is empty. */
function fakeView() {
  return new Proxy({}, { get: (_, name) => (name === 'tileReport' ? () => [] : () => {}) });
}

/** A MediaLink that records what the session asks of it. */
class FakeLink {
  constructor(options) {
    this.options = options;
    this.calls = [];
  }
  start() { this.calls.push('start'); return Promise.resolve(); }
  close() { this.calls.push('close'); }
  handleSubscribeOffer(sdp) { this.calls.push(`subscribe-offer ${sdp}`); }
  useIceServers() { this.calls.push('ice-servers'); }
  restartIceIfNeeded() { this.calls.push('restart-ice'); }
  setMode() {}
  remoteStream() { return null; }
}

const camera = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] };

function session() {
  const client = fakeClient();
  const links = [];
  let cameraAsked = 0;
  const running = new Session({
    client,
    root: null,
    createView: fakeView,
    createMediaLink: (options) => {
      const link = new FakeLink(options);
      links.push(link);
      return link;
    },
    localMedia: async () => {
      cameraAsked += 1;
      return { stream: camera, hasAudio: true, hasVideo: true };
    },
  });
  return { client, links, cameraAsked: () => cameraAsked, running };
}

const you = { participantId: 'p-ana', displayName: 'Ana', role: 'member', muted: true };

function admitted(fields = {}) {
  return { type: 'admitted', roomId: 'r-1', roomTitle: 'Tuesday', you, participants: [you], resumeToken: 't-1',
    ...fields };
}

/** Lets the session's awaited camera and transport start run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('aResumeAfterAServerRestartBuildsNewTransportsWithTheSameCamera', async (t) => {
  const { client, links, cameraAsked, running } = session();
  t.after(() => running.ended());
  client.deliver(admitted());
  await settle();
  assert.equal(links.length, 1);

  client.deliver(admitted({ resumed: true, restartMedia: true, resumeToken: 't-2' }));
  client.deliver({ type: 'subscribe-offer', sdp: 'offer-after-restart' });
  await settle();

  assert.deepEqual(links[0].calls, ['start', 'close'], 'the old transports are gone; no ICE restart on them');
  assert.equal(links.length, 2);
  assert.deepEqual(links[1].calls, ['start', 'subscribe-offer offer-after-restart'],
    'the new link publishes and answers the new subscribe offer');
  assert.equal(links[1].options.localStream, camera);
  assert.equal(cameraAsked(), 1, 'the camera is not asked for again');
  assert.equal(client.token, 't-2');
});

test('aResumeWithoutARestartKeepsTheTransportsAndRestartsIce', async (t) => {
  const { client, links, running } = session();
  t.after(() => running.ended());
  client.deliver(admitted());
  await settle();

  client.deliver(admitted({ resumed: true, resumeToken: 't-2' }));
  await settle();

  assert.equal(links.length, 1);
  assert.deepEqual(links[0].calls, ['start', 'ice-servers', 'restart-ice']);
});

/**
 * Issue 11, client side, in real Chromium through the relay: the camera is offered as three simulcast layers
 * (q, h, f) and sends what the relay's answer accepts; the page reports its remote tiles' sizes (`view`) and stops
 * quietly if the server does not know the message; the connection-quality indicator and the "Video paused for your
 * connection" overlay; the audio-only mode by its accessible name, kept across a reload.
 * Run by web-client/e2e/run.sh (HEARTH_E2E_ONLY=layers), which starts the server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, eventually, inboundByParticipant, sleep, uniqueSuffix } from './harness.mjs';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  assertVideoPlays, participantIdOf, tile,
} from './flows.mjs';

/** Every signaling message the page sends, and every one it receives, in order (no credentials are in them). */
const SIGNALING_RECORDER = () => {
  window.__hearthSent = [];
  window.__hearthReceived = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function recordingSend(data) {
    try { window.__hearthSent.push(JSON.parse(data)); } catch { /* not JSON: not ours */ }
    return send.call(this, data);
  };
  const proto = WebSocket.prototype;
  const add = proto.addEventListener;
  proto.addEventListener = function recordingAdd(type, listener, options) {
    if (type === 'message' && !this.__hearthRecording) {
      this.__hearthRecording = true;
      add.call(this, 'message', (event) => {
        try { window.__hearthReceived.push(JSON.parse(event.data)); } catch { /* ignore */ }
      });
    }
    return add.call(this, type, listener, options);
  };
};

const harness = new Harness();
let facilitator;
let ana;
let anaId;
let ngoziId;

before(async () => {
  await harness.start();
  const admin = await harness.person('admin');
  const facilitatorName = `fac-${uniqueSuffix()}`;
  await adminCreatesFacilitator(admin, facilitatorName);
  await harness.close(admin);
  facilitator = await harness.person('facilitator', { initScript: [SIGNALING_RECORDER] });
  await facilitatorSignsIn(facilitator, facilitatorName);
  const invite = await facilitatorOpensRoom(facilitator, 'Layers group', 'Ngozi');
  ana = await harness.person('ana', { initScript: [SIGNALING_RECORDER] });
  await memberKnocks(ana, invite, 'Ana');
  await admit(facilitator, 'Ana');
  await waitForTiles(ana, ['Ana', 'Ngozi']);
  await waitForTiles(facilitator, ['Ngozi', 'Ana']);
  await assertVideoPlays(ana, 'Ngozi');
  await assertVideoPlays(facilitator, 'Ana');
  anaId = await participantIdOf(facilitator, 'Ana');
  ngoziId = await participantIdOf(ana, 'Ngozi');
});

after(async () => {
  await harness.stop();
});

/** The publish connection's own offer and the relay's answer, as the page set them. */
function publishDescriptions(page) {
  return page.evaluate(() => {
    const pc = (window.__hearthPeerConnections || []).find((p) => p.localDescription?.type === 'offer');
    return pc ? { offer: pc.localDescription.sdp, answer: pc.remoteDescription?.sdp || '' } : null;
  });
}

/** The video section of an SDP. */
function videoSection(sdp) {
  const sections = sdp.split(/\r?\n(?=m=)/);
  return sections.find((s) => s.startsWith('m=video')) || '';
}

/** Outbound video per rid (or '-' without one): bytes sent, frame width, and whether the encoding is active. */
function outboundVideo(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const pc of window.__hearthPeerConnections || []) {
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          out[s.rid || '-'] = { bytesSent: s.bytesSent || 0, frameWidth: s.frameWidth || 0, active: s.active };
        }
      });
    }
    return out;
  });
}

test('cameraIsOfferedAsThreeRidLayersAndSendsWhatTheRelayAccepts', async () => {
  await harness.scenario('layers-offer', async () => {
    for (const [who, page] of [['Ana', ana], ['Ngozi', facilitator]]) {
      const sdp = await publishDescriptions(page);
      assert.ok(sdp, `${who}'s page has a publish connection with an offer`);
      const offered = videoSection(sdp.offer);
      for (const rid of ['q', 'h', 'f']) assert.match(offered, new RegExp(`^a=rid:${rid} send`, 'm'), `${who} offers rid ${rid}`);
      assert.match(offered, /^a=simulcast:send q;h;f\r?$/m, `${who} offers the three layers, lowest first`);
      const accepted = /^a=simulcast:recv /m.test(videoSection(sdp.answer));
      const sent = await eventually(async () => {
        const now = await outboundVideo(page);
        return Object.values(now).some((o) => o.bytesSent > 0) && now;
      }, { message: `${who}'s camera sending` });
      if (accepted) {
        // The relay takes the layers: all three go out, the lowest a quarter of the full width.
        const layers = await eventually(async () => {
          const now = await outboundVideo(page);
          return ['q', 'h', 'f'].every((rid) => now[rid]?.bytesSent > 0 && now[rid].frameWidth > 0) && now;
        }, { timeoutMs: 15_000, message: `${who}'s three layers sending` });
        assert.ok(layers.q.frameWidth < layers.f.frameWidth, `q is smaller than f: ${JSON.stringify(layers)}`);
        process.stdout.write(`e2e: relay accepted simulcast; ${who} sends ${JSON.stringify(layers)}\n`);
      } else {
        // Today's relay: one layer left, and the page made it the full picture, not the quarter-size first encoding.
        const active = Object.entries(sent).filter(([, o]) => o.bytesSent > 0);
        assert.equal(active.length, 1, `one video stream without simulcast: ${JSON.stringify(sent)}`);
        const encodings = await page.evaluate(() => {
          const pc = window.__hearthPeerConnections.find((p) => p.localDescription?.type === 'offer');
          const sender = pc.getSenders().find((s) => s.track && s.track.kind === 'video');
          return sender.getParameters().encodings.map((e) => ({ active: e.active, scale: e.scaleResolutionDownBy, maxBitrate: e.maxBitrate }));
        });
        assert.deepEqual(encodings, [{ active: true, scale: 1, maxBitrate: 2_500_000 }], `${who}'s one encoding`);
        process.stdout.write(`e2e: relay answered without simulcast; ${who} sends one stream ${JSON.stringify(active)}\n`);
      }
    }
  });
});

test('pageReportsItsRemoteTilesAndStopsQuietlyWhenTheServerDoesNotKnowView', async () => {
  await harness.scenario('layers-view', async () => {
    const views = () => ana.evaluate(() => window.__hearthSent.filter((m) => m.type === 'view'));
    const [first] = await eventually(async () => {
      const sent = await views();
      return sent.length > 0 && sent;
    }, { message: "Ana's first view report" });
    assert.deepEqual(first.tiles.map((t) => t.participantId), [ngoziId], 'only the remote tile, by participant id');
    const box = await tile(ana, 'Ngozi').locator('video').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width * devicePixelRatio), height: Math.round(r.height * devicePixelRatio) };
    });
    assert.ok(Math.abs(first.tiles[0].width - box.width) <= 2 && Math.abs(first.tiles[0].height - box.height) <= 2,
      `reported ${JSON.stringify(first.tiles[0])}, rendered ${JSON.stringify(box)}`);
    assert.equal(first.tiles[0].pinned, false);
    assert.equal(first.mode, 'normal');
    const reply = await eventually(() => ana.evaluate((id) => window.__hearthReceived.find((m) => String(m.id) === String(id)), first.id),
      { message: 'the reply to the view report' });
    const before = (await views()).length;
    await ana.getByRole('button', { name: 'Pin Ngozi', exact: true }).click();
    await ana.getByRole('button', { name: 'Unpin Ngozi', exact: true }).waitFor();
    await sleep(1500);
    const after = await views();
    if (reply.type === 'error') {
      assert.equal(reply.code, 'unknown-type');
      assert.equal(after.length, before, 'no more view reports after unknown-type');
    } else {
      assert.equal(after.at(-1).tiles[0].pinned, true, `a pinned tile is reported: ${JSON.stringify(after.at(-1))}`);
    }
    assert.equal(await ana.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'nothing alarming shown');
    await ana.getByRole('button', { name: 'Unpin Ngozi', exact: true }).click();
  });
});

test('qualityIndicatorSpeaksInWordsAndPausedVideoIsMarkedOnTheTile', async () => {
  await harness.scenario('layers-quality', async () => {
    // Before any word from the relay, the page's own getStats reading: loopback is a good connection.
    const indicator = ana.getByRole('status').filter({ hasText: /Connection: / });
    await indicator.filter({ hasText: 'Connection: good' }).waitFor({ timeout: 10_000 });
    assert.equal(await indicator.getAttribute('aria-live'), 'polite');
    // What the relay would say of a poor connection, delivered on the page's own socket.
    await ana.evaluate((paused) => {
      const socket = window.__hearthSockets.find((s) => s.readyState === 1);
      socket.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(
        { type: 'connection-quality', quality: 'poor', estimateKbps: 180, pausedVideo: [paused] }) }));
    }, ngoziId);
    await indicator.filter({ hasText: 'Connection: poor' }).waitFor({ timeout: 2000 });
    await tile(ana, 'Ngozi').getByText('Video paused for your connection', { exact: true }).waitFor({ timeout: 2000 });
    // The sound goes on.
    const audio = async () => (await inboundByParticipant(ana))[ngoziId]?.audio?.packetsReceived ?? 0;
    const start = await audio();
    await eventually(async () => (await audio()) > start + 10, { message: "Ngozi's audio still arriving" });
    await ana.evaluate(() => {
      const socket = window.__hearthSockets.find((s) => s.readyState === 1);
      socket.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(
        { type: 'connection-quality', quality: 'good', estimateKbps: 2500, pausedVideo: [] }) }));
    });
    await indicator.filter({ hasText: 'Connection: good' }).waitFor({ timeout: 2000 });
    await tile(ana, 'Ngozi').getByText('Video paused for your connection').waitFor({ state: 'hidden', timeout: 2000 });
  });
});

test('audioOnlyModeHidesVideoKeepsNamesPausesTheCameraAndSurvivesAReload', async () => {
  await harness.scenario('layers-audio-only', async () => {
    const audioOnly = ana.getByRole('radio', { name: 'Audio only', exact: true });
    assert.equal(await ana.getByRole('radio', { name: 'Normal video', exact: true }).isChecked(), true);
    await audioOnly.check();
    await ana.getByText('Camera paused: audio only', { exact: true }).waitFor();
    // Names stay, pictures go.
    assert.equal(await tile(ana, 'Ngozi').locator('video').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
    await tile(ana, 'Ngozi').locator('figcaption').filter({ hasText: 'Ngozi' }).waitFor();
    // Ana's camera stops reaching Ngozi; her sound does not.
    const atNgozi = async () => (await inboundByParticipant(facilitator))[anaId] || {};
    await sleep(500);
    const paused = await atNgozi();
    await sleep(1500);
    const later = await atNgozi();
    assert.ok((later.video?.packetsReceived ?? 0) - (paused.video?.packetsReceived ?? 0) <= 3,
      `Ana's video stopped arriving (${paused.video?.packetsReceived} -> ${later.video?.packetsReceived})`);
    assert.ok((later.audio?.packetsReceived ?? 0) > (paused.audio?.packetsReceived ?? 0) + 10, "Ana's audio still arrives");
    const lastView = await ana.evaluate(() => window.__hearthSent.filter((m) => m.type === 'view').at(-1));
    const refused = await ana.evaluate(() => window.__hearthReceived.some((m) => m.type === 'error' && m.code === 'unknown-type'));
    if (!refused) assert.equal(lastView.mode, 'audio-only', 'the server that knows view is told the mode');

    // The choice lasts for this tab's session: a reload comes back in audio only.
    await ana.reload();
    await waitForTiles(ana, ['Ana', 'Ngozi']);
    assert.equal(await ana.getByRole('radio', { name: 'Audio only', exact: true }).isChecked(), true);
    await ana.getByText('Camera paused: audio only', { exact: true }).waitFor();

    await ana.getByRole('radio', { name: 'Normal video', exact: true }).check();
    await assertVideoPlays(ana, 'Ngozi');
    const idAfterReload = await participantIdOf(facilitator, 'Ana');
    const frames = async () => (await inboundByParticipant(facilitator))[idAfterReload]?.video?.framesDecoded ?? 0;
    const resumed = await frames();
    await eventually(async () => (await frames()) > resumed + 5,
      { timeoutMs: 15_000, message: "Ana's video decoding at Ngozi again" });
  });
});

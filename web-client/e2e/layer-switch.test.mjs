/**
 * Issue 11, relay side, in real Chromium: a subscriber whose relay switches it from one simulcast layer to another
 * keeps decoding one continuous stream. The publisher goes to Low data (only its `q` layer goes on, so the relay
 * must move the subscriber down at a `q` key frame) and back to Normal (the relay moves it up again); at the
 * subscriber the picture's width follows and frames keep being decoded through both switches, without the decoder
 * asking for key frame after key frame (what a broken sequence, timestamp or picture id would make it do).
 * Run by web-client/e2e/run.sh (HEARTH_E2E_ONLY=layer-switch), which starts the server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, eventually, sleep, uniqueSuffix } from './harness.mjs';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  assertVideoPlays, participantIdOf,
} from './flows.mjs';

const harness = new Harness();
let facilitator;
let ana;
let ngoziId;

before(async () => {
  await harness.start();
  const admin = await harness.person('admin');
  const facilitatorName = `fac-${uniqueSuffix()}`;
  await adminCreatesFacilitator(admin, facilitatorName);
  await harness.close(admin);
  facilitator = await harness.person('facilitator');
  await facilitatorSignsIn(facilitator, facilitatorName);
  const invite = await facilitatorOpensRoom(facilitator, 'Layer switch group', 'Ngozi');
  ana = await harness.person('ana');
  await memberKnocks(ana, invite, 'Ana');
  await admit(facilitator, 'Ana');
  await waitForTiles(ana, ['Ana', 'Ngozi']);
  await assertVideoPlays(ana, 'Ngozi');
  ngoziId = await participantIdOf(ana, 'Ngozi');
});

after(async () => {
  await harness.stop();
});

/** The subscriber's inbound video from one publisher: what its decoder has done so far. */
function inboundVideoOf(page, owner) {
  return page.evaluate(async (id) => {
    for (const pc of window.__hearthPeerConnections || []) {
      let found = null;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && window.__hearthTrackOwners[s.trackIdentifier] === id) {
          found = { framesDecoded: s.framesDecoded || 0, keyFramesDecoded: s.keyFramesDecoded || 0,
            frameWidth: s.frameWidth || 0, pliCount: s.pliCount || 0, firCount: s.firCount || 0,
            freezeCount: s.freezeCount || 0, packetsLost: s.packetsLost || 0 };
        }
      });
      if (found) return found;
    }
    return null;
  }, owner);
}

/** The publish connection's answer accepted the layers. */
function publisherSendsLayers(page) {
  return page.evaluate(() => {
    const pc = (window.__hearthPeerConnections || []).find((p) => p.localDescription?.type === 'offer');
    const sdp = pc?.remoteDescription?.sdp || '';
    const video = sdp.split(/\r?\n(?=m=)/).find((s) => s.startsWith('m=video')) || '';
    return /^a=simulcast:recv /m.test(video);
  });
}

/**
 * Watches the subscriber for `ms`: every half second at least one more frame decoded (a stall of a second is
 * allowed for the switch's key frame), and returns the readings.
 */
async function keepsDecoding(page, owner, ms, what) {
  const readings = [await inboundVideoOf(page, owner)];
  let stalled = 0;
  for (let t = 0; t < ms; t += 500) {
    await sleep(500);
    const now = await inboundVideoOf(page, owner);
    const before = readings.at(-1);
    stalled = now.framesDecoded > before.framesDecoded ? 0 : stalled + 1;
    assert.ok(stalled <= 2, `${what}: decoding stalled for ${stalled * 500} ms: ${JSON.stringify(readings.slice(-3))} -> ${JSON.stringify(now)}`);
    readings.push(now);
  }
  return readings;
}

test('subscriberKeepsDecodingThroughTheRelaysSwitchWhenThePublisherGoesLowDataAndBack', async (t) => {
  await harness.scenario('layer-switch', async () => {
    if (!(await publisherSendsLayers(facilitator))) {
      t.skip('the relay answered without simulcast or the browser offered no layers: nothing to switch');
      return;
    }
    // Normal: the relay forwards Ana something larger than the quarter layer once Ngozi's uplink allows it.
    const normal = await eventually(async () => {
      const now = await inboundVideoOf(ana, ngoziId);
      return now && now.frameWidth > 320 && now;
    }, { timeoutMs: 30_000, message: "Ana receiving Ngozi above the q layer" });
    await keepsDecoding(ana, ngoziId, 2000, 'before the switch');

    await facilitator.getByRole('radio', { name: 'Low data', exact: true }).check();
    const down = await keepsDecoding(ana, ngoziId, 6000, 'publisher in Low data');
    const low = down.at(-1);
    assert.equal(low.frameWidth, 320, `Ana now gets the q layer: ${JSON.stringify(down.map((r) => r.frameWidth))}`);

    await facilitator.getByRole('radio', { name: 'Normal video', exact: true }).check();
    const up = await keepsDecoding(ana, ngoziId, 8000, 'publisher back to Normal');
    const back = up.at(-1);
    assert.ok(back.frameWidth > 320, `Ana is moved up again: ${JSON.stringify(up.map((r) => r.frameWidth))}`);
    // Two switches need a key frame each; a decoder that could not follow would keep asking for more.
    const keyFrameRequests = (back.pliCount + back.firCount) - (normal.pliCount + normal.firCount);
    assert.ok(keyFrameRequests <= 4, `Ana's decoder asked for ${keyFrameRequests} key frames across two switches`);
    process.stdout.write(`e2e: layer switch at Ana: widths normal ${normal.frameWidth}, low data ${low.frameWidth}, back ${back.frameWidth}; `
      + `frames decoded ${normal.framesDecoded} -> ${back.framesDecoded}, key frames ${normal.keyFramesDecoded} -> ${back.keyFramesDecoded}, `
      + `key frame requests ${keyFrameRequests}, freezes ${back.freezeCount - normal.freezeCount}\n`);
  });
});

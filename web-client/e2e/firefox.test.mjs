/**
 * Issue 9, Firefox acceptance: a Firefox member (Debian firefox-esr over WebDriver BiDi, in the test network
 * namespace) and a Chromium facilitator in one room, through the relay, with the same flows as session.test.mjs.
 * Run by web-client/e2e/run.sh, which builds the namespace and starts a server advertising its host side;
 * when this machine cannot make namespaces (not root) the runner sets HEARTH_E2E_FIREFOX_SKIP to say why.
 * Each scenario sets up the room on first use, so any one of them can run alone (HEARTH_E2E_ONLY).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  assertVideoPlays, participantIdOf, assertVideoDecodes, assertFacilitatorMuteStopsAudio, assertReloadResumes,
} from './flows.mjs';

const skip = process.env.HEARTH_E2E_FIREFOX_SKIP || false;
let harness = null;
let room = null;

async function openRoom() {
  if (room) return room;
  const { Harness, uniqueSuffix } = await import('./harness.mjs');
  const { firefoxPerson, firefoxVersion } = await import('./firefox.mjs');
  harness = new Harness();
  await harness.start();
  const facilitatorName = `fac-${uniqueSuffix()}`;
  await harness.scenario('firefox-room', async () => {
    const admin = await harness.person('admin');
    await adminCreatesFacilitator(admin, facilitatorName);
    await harness.close(admin);
    const facilitator = await harness.person('facilitator-chromium');
    await facilitatorSignsIn(facilitator, facilitatorName);
    const invite = await facilitatorOpensRoom(facilitator, 'Firefox group', 'Ngozi');
    const started = Date.now();
    const fox = await firefoxPerson(harness, 'member-firefox');
    process.stdout.write(`e2e: ${await firefoxVersion(harness)} started in ${Date.now() - started} ms\n`);
    await memberKnocks(fox, invite, 'Fox');
    const admitted = Date.now();
    await admit(facilitator, 'Fox');
    await waitForTiles(fox, ['Fox', 'Ngozi']);
    await waitForTiles(facilitator, ['Ngozi', 'Fox']);
    await assertVideoPlays(fox, 'Ngozi');
    await assertVideoPlays(facilitator, 'Fox');
    process.stdout.write(`e2e: firefox admit-to-both-videos-playing ${Date.now() - admitted} ms\n`);
    room = { facilitator, fox };
  });
  return room;
}

after(async () => {
  if (harness) await harness.stop();
});

test('firefoxMemberAndChromiumFacilitatorDecodeEachOthersVideo', { skip }, async () => {
  const { facilitator, fox } = await openRoom();
  await harness.scenario('firefox-video', async () => {
    const foxId = await participantIdOf(facilitator, 'Fox');
    const ngoziId = await participantIdOf(fox, 'Ngozi');
    assert.ok(foxId && ngoziId, 'both tiles carry a participant stream');
    // Two seconds of frames each way, and not one packet lost on the way through the relay.
    const atFox = await assertVideoDecodes(fox, 'Fox (Firefox)', { Ngozi: ngoziId },
      { minFrames: 20, timeoutMs: 10_000, lossless: true });
    const atNgozi = await assertVideoDecodes(facilitator, 'Ngozi (Chromium)', { Fox: foxId },
      { minFrames: 20, timeoutMs: 10_000, lossless: true });
    process.stdout.write(`e2e: firefox decodes Ngozi ${JSON.stringify(atFox.Ngozi)}\n`);
    process.stdout.write(`e2e: chromium decodes Fox ${JSON.stringify(atNgozi.Fox)}\n`);
  });
});

test('facilitatorMuteStopsTheFirefoxMembersAudioAtChromium', { skip }, async () => {
  const { facilitator, fox } = await openRoom();
  await harness.scenario('firefox-mute', async () => {
    const packets = await assertFacilitatorMuteStopsAudio(facilitator, fox, 'Fox', facilitator);
    process.stdout.write(`e2e: Fox's audio packets at Ngozi across the mute ${JSON.stringify(packets)}\n`);
  });
});

test('firefoxMemberWhoReloadsComesBackWithoutTheLobby', { skip }, async () => {
  const { facilitator, fox } = await openRoom();
  await harness.scenario('firefox-reload', async () => {
    // Twice: the second reload resumes with the token the server rotated on the first.
    for (const round of [1, 2]) {
      const started = Date.now();
      const figures = await assertReloadResumes(fox, 'Fox', ['Fox', 'Ngozi'], facilitator);
      process.stdout.write(`e2e: firefox reload ${round} to video at the facilitator ${Date.now() - started} ms `
        + `${JSON.stringify(figures.Fox)}\n`);
      // And Firefox decodes the facilitator again on its new connection.
      const ngoziId = await participantIdOf(fox, 'Ngozi');
      await assertVideoDecodes(fox, `Fox (Firefox) after reload ${round}`, { Ngozi: ngoziId },
        { minFrames: 10, timeoutMs: 10_000 });
    }
  });
});

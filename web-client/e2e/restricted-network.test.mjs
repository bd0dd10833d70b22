/**
 * Issue 9, networks that drop UDP: a Chromium member whose network (restricted-network.sh: nftables drops every
 * UDP datagram) lets only TCP out still joins a Chromium facilitator's room and both see each other. Its only
 * ways in are the TURN server over TCP (the credentials of its admission reply) and the relay's passive ICE-TCP
 * candidate, when the relay offers one; the test prints which one the browser chose. Run by run.sh in its
 * namespace phase, which also starts coturn; without namespaces HEARTH_E2E_RESTRICTED_SKIP says why.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  assertVideoPlays, participantIdOf, assertVideoDecodes,
} from './flows.mjs';

const skip = process.env.HEARTH_E2E_RESTRICTED_SKIP || false;
const IN_NETNS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chromium-in-netns.sh');
let harness = null;

after(async () => {
  if (harness) await harness.stop();
});

/** The selected candidate pair of each of the page's connections: the local candidate's kind and protocols. */
function selectedPaths(page) {
  return page.evaluate(async () => {
    const paths = [];
    for (const pc of window.__hearthPeerConnections || []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = report.get(s.selectedCandidatePairId);
        const local = pair && report.get(pair.localCandidateId);
        const remote = pair && report.get(pair.remoteCandidateId);
        if (local) {
          paths.push({ local: local.candidateType, protocol: local.protocol, relayProtocol: local.relayProtocol || null,
            remote: remote?.candidateType, remoteProtocol: remote?.protocol });
        }
      });
    }
    return paths;
  });
}

/** TURN over TCP or TLS, or the relay's own TCP candidate: anything but UDP out of this network. */
function describe(p) {
  if (p.local === 'relay') return `TURN over ${p.relayProtocol}`;
  if (p.protocol === 'tcp') return 'ICE-TCP to the relay';
  return `direct ${p.protocol}`;
}

test('memberOnANetworkWithoutUdpJoinsThroughTcpAndBothSeeEachOther', { skip }, async () => {
  const { Harness, uniqueSuffix } = await import('./harness.mjs');
  harness = new Harness();
  await harness.start();
  await harness.scenario('restricted-network', async () => {
    const admin = await harness.person('admin');
    const facilitatorName = `fac-${uniqueSuffix()}`;
    await adminCreatesFacilitator(admin, facilitatorName);
    await harness.close(admin);
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, facilitatorName);
    const invite = await facilitatorOpensRoom(facilitator, 'Hotel wifi group', 'Ngozi');
    const member = await harness.person('member-no-udp', { executablePath: IN_NETNS });
    await memberKnocks(member, invite, 'Tomas');
    const admitted = Date.now();
    await admit(facilitator, 'Tomas');
    await waitForTiles(member, ['Tomas', 'Ngozi']);
    await waitForTiles(facilitator, ['Ngozi', 'Tomas']);
    await assertVideoPlays(member, 'Ngozi');
    await assertVideoPlays(facilitator, 'Tomas');
    process.stdout.write(`e2e: restricted admit-to-both-videos-playing ${Date.now() - admitted} ms\n`);

    const tomasId = await participantIdOf(facilitator, 'Tomas');
    const ngoziId = await participantIdOf(member, 'Ngozi');
    const atMember = await assertVideoDecodes(member, 'Tomas (no UDP)', { Ngozi: ngoziId },
      { minFrames: 20, timeoutMs: 15_000 });
    const atFacilitator = await assertVideoDecodes(facilitator, 'Ngozi', { Tomas: tomasId },
      { minFrames: 20, timeoutMs: 15_000 });
    process.stdout.write(`e2e: restricted member decodes Ngozi ${JSON.stringify(atMember.Ngozi)}\n`);
    process.stdout.write(`e2e: facilitator decodes the restricted member ${JSON.stringify(atFacilitator.Tomas)}\n`);

    const paths = await selectedPaths(member);
    assert.equal(paths.length, 2, `both of the member's connections have a selected pair: ${JSON.stringify(paths)}`);
    for (const p of paths) {
      assert.ok(p.local === 'relay' ? p.relayProtocol !== 'udp' : p.protocol === 'tcp',
        `the member's media leaves its network over TCP, not UDP: ${JSON.stringify(p)}`);
    }
    process.stdout.write(`e2e: restricted member's path (publish, subscribe): ${paths.map(describe).join(', ')} `
      + `${JSON.stringify(paths)}\n`);
  });
});

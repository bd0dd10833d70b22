/**
 * Issue 9, IPv6 host candidates: a Chromium member on an IPv6-only network (ipv6-network.sh: namespace hearth-v6,
 * fd80::2, no IPv4 address) joins a Chromium facilitator's room on the host and both see each other. The page, the
 * signaling WebSocket and the media all reach the host over its IPv6 veth address fd80::1: the server runs with
 * HEARTH_PUBLIC_IP=auto, so the relay must find that address itself and advertise it as a host candidate, and
 * the member's only way to the relay is a pair with that IPv6 candidate. Run by run.sh in its IPv6 phase; without
 * namespaces HEARTH_E2E_V6_SKIP says why.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  assertVideoPlays, participantIdOf, assertVideoDecodes,
} from './flows.mjs';

const skip = process.env.HEARTH_E2E_V6_SKIP || false;
const IN_V6 = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chromium-in-v6.sh');
const RELAY_V6 = process.env.HEARTH_E2E_V6_HOST_IP || 'fd80::1';
let harness = null;

after(async () => {
  if (harness) await harness.stop();
});

/** Each open connection's selected pair (both candidates' address, protocol, type), and the relay's candidates. */
function selectedPairs(page) {
  return page.evaluate(async () => {
    const pairs = [];
    for (const pc of window.__hearthPeerConnections || []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      const offered = (pc.remoteDescription?.sdp || '').split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'))
        .map((l) => { const f = l.split(' '); return `${f[2].toLowerCase()} ${f[4]} ${f[5]}`; });
      report.forEach((s) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = report.get(s.selectedCandidatePairId);
        const local = pair && report.get(pair.localCandidateId);
        const remote = pair && report.get(pair.remoteCandidateId);
        pairs.push({ state: pair?.state, local: local && `${local.protocol} ${local.address} ${local.candidateType}`,
          remote: remote && `${remote.protocol} ${remote.address} ${remote.port} ${remote.candidateType}`,
          remoteAddress: remote?.address || '', relayCandidates: offered });
      });
    }
    return pairs;
  });
}

test('memberOnAnIpv6OnlyNetworkPairsWithTheRelaysIpv6HostCandidate', { skip }, async () => {
  const { Harness, BASE_URL, uniqueSuffix } = await import('./harness.mjs');
  assert.ok(new URL(BASE_URL).hostname.includes(':'), `pages load over IPv6 (${BASE_URL})`);
  harness = new Harness();
  await harness.start();
  await harness.scenario('ipv6-host', async () => {
    const admin = await harness.person('admin');
    const facilitatorName = `fac-${uniqueSuffix()}`;
    await adminCreatesFacilitator(admin, facilitatorName);
    await harness.close(admin);
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, facilitatorName);
    const invite = await facilitatorOpensRoom(facilitator, 'IPv6 group', 'Ngozi');
    assert.equal(new URL(invite).host, new URL(BASE_URL).host, `the invite link keeps the IPv6 literal (${invite})`);
    const member = await harness.person('member-v6', { executablePath: IN_V6 });
    await memberKnocks(member, invite, 'Tomas');
    await admit(facilitator, 'Tomas');
    await waitForTiles(member, ['Tomas', 'Ngozi']);
    await waitForTiles(facilitator, ['Ngozi', 'Tomas']);
    await assertVideoPlays(member, 'Ngozi');
    await assertVideoPlays(facilitator, 'Tomas');

    const atMember = await assertVideoDecodes(member, 'Tomas (IPv6 only)',
      { Ngozi: await participantIdOf(member, 'Ngozi') }, { minFrames: 20, timeoutMs: 15_000 });
    const atFacilitator = await assertVideoDecodes(facilitator, 'Ngozi',
      { Tomas: await participantIdOf(facilitator, 'Tomas') }, { minFrames: 20, timeoutMs: 15_000 });
    process.stdout.write(`e2e: IPv6 member decodes Ngozi ${JSON.stringify(atMember.Ngozi)}\n`);
    process.stdout.write(`e2e: facilitator decodes the IPv6 member ${JSON.stringify(atFacilitator.Tomas)}\n`);

    const pairs = await selectedPairs(member);
    assert.equal(pairs.length, 2, `both of the member's connections have a selected pair: ${JSON.stringify(pairs)}`);
    for (const p of pairs) {
      assert.ok(p.relayCandidates.some((c) => c.startsWith(`udp ${RELAY_V6} `)),
        `the relay advertises its IPv6 host candidate ${RELAY_V6}: ${JSON.stringify(p.relayCandidates)}`);
      assert.ok(p.remoteAddress.includes(':'), `the member's media goes to an IPv6 candidate: ${JSON.stringify(p)}`);
      assert.equal(p.remoteAddress, RELAY_V6, `the IPv6 candidate is the host's veth address: ${JSON.stringify(p)}`);
    }
    process.stdout.write(`e2e: IPv6 member's selected pairs (publish, subscribe): ${JSON.stringify(
      pairs.map(({ relayCandidates, ...p }) => p))}\n`);
    process.stdout.write(`e2e: relay candidates offered to the IPv6 member: ${[...new Set(pairs[0].relayCandidates)].join(', ')}\n`);
  });
});

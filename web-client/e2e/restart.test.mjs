/**
 * Issue 10, embedded mode: a live room survives a restart of the server. This test runs its own server on free ports
 * with its own data directory, stops it mid-session and starts it again on the same ports and data directory. Two
 * members' pages resume by themselves into the same room (their resume carries restartMedia) and build their media
 * afresh: each decodes the other's video again on new transports, and the member the facilitator muted before the
 * restart stays muted at the relay. Run by web-client/e2e/run.sh (for its admin password and browser set-up).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, Harness, eventually, inboundByParticipant, sleep, uniqueSuffix } from './harness.mjs';
import {
  adminCreatesFacilitator, facilitatorSignsIn, facilitatorOpensRoom, memberKnocks, admit, waitForTiles,
  participantIdOf,
} from './flows.mjs';

const JAR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'signaling-server', 'target',
  'hearth-server.jar');

const harness = new Harness();
let dataDir;
let server = null;
let ports;

function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Starts the server on the test's ports and data directory; resolves once it answers /healthz. */
async function startServer() {
  server = spawn('java', ['-jar', JAR], {
    env: { ...process.env, HEARTH_DATA_DIR: dataDir, HEARTH_HTTP_PORT: String(ports.http),
      HEARTH_MEDIA_PORT: String(ports.media), HEARTH_MEDIA_TCP_PORT: '0', HEARTH_PUBLIC_IP: '127.0.0.1',
      HEARTH_ADMIN_PASSWORD: ADMIN_PASSWORD, HEARTH_KNOCKS_PER_MINUTE: '1000' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.exited = exited;
  await eventually(async () => {
    try {
      return (await fetch(`http://localhost:${ports.http}/healthz`)).ok;
    } catch {
      return false;
    }
  }, { timeoutMs: 60_000, intervalMs: 250, message: 'the server to answer /healthz' });
}

async function stopServer() {
  if (!server) return;
  server.kill('SIGTERM');
  await server.exited;
  server = null;
}

async function decodesVideoOf(page, participantId, label) {
  const before = (await inboundByParticipant(page))[participantId]?.video?.framesDecoded ?? 0;
  await eventually(async () => ((await inboundByParticipant(page))[participantId]?.video?.framesDecoded ?? 0) >= before + 10,
    { timeoutMs: 20_000, message: `${label}: video frames decoded on a live transport` });
}

async function audioPackets(page, participantId) {
  return (await inboundByParticipant(page))[participantId]?.audio?.packetsReceived ?? 0;
}

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-e2e-restart-'));
  ports = { http: await freeTcpPort(), media: await freeTcpPort() };
  await startServer();
  await harness.start();
});

after(async () => {
  await harness.stop();
  await stopServer();
  await rm(dataDir, { recursive: true, force: true });
});

test('membersResumeIntoTheSameRoomAfterTheServerRestartsAndSeeEachOtherAgain', async () => {
  await harness.scenario('restart-resume', async () => {
    const baseURL = `http://localhost:${ports.http}`;
    const name = `fac-${uniqueSuffix()}`;
    const admin = await harness.person('admin', { baseURL });
    await adminCreatesFacilitator(admin, name);
    await harness.close(admin);
    const facilitator = await harness.person('facilitator', { baseURL });
    await facilitatorSignsIn(facilitator, name);
    const invite = await facilitatorOpensRoom(facilitator, 'Monday group', 'Folake');
    const ana = await harness.person('ana', { baseURL });
    const ben = await harness.person('ben', { baseURL });
    await memberKnocks(ana, invite, 'Ana');
    await admit(facilitator, 'Ana');
    await memberKnocks(ben, invite, 'Ben');
    await admit(facilitator, 'Ben');
    await waitForTiles(ana, ['Ana', 'Ben', 'Folake']);
    await waitForTiles(ben, ['Ana', 'Ben', 'Folake']);
    const anaId = await participantIdOf(ben, 'Ana');
    const benId = await participantIdOf(ana, 'Ben');
    await decodesVideoOf(ana, benId, 'Ana sees Ben before the restart');
    await facilitator.getByRole('button', { name: 'Mute Ben', exact: true }).click();
    await facilitator.getByRole('button', { name: 'Unmute Ben', exact: true }).waitFor();
    await ben.getByText('The facilitator muted your microphone.').waitFor();
    const roomUrl = ana.url();
    // The facilitator's sign-in does not survive a restart; this test is about the members.
    await harness.close(facilitator);

    await stopServer();
    await startServer();

    // Each member's page reconnects by itself and resumes, building its media afresh: each decodes the other's
    // video again, on transports made after the restart.
    await decodesVideoOf(ana, benId, 'Ana sees Ben after the restart');
    await decodesVideoOf(ben, anaId, 'Ben sees Ana after the restart');
    assert.equal(ana.url(), roomUrl, 'the same page, no new join');
    assert.equal(await ana.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).count(), 0);
    await waitForTiles(ana, ['Ana', 'Ben']);
    // Ben's mute was the room's, and the room came back with it: the relay drops his audio (his page sends
    // silence, which the relay would forward).
    const start = await audioPackets(ana, benId);
    await sleep(1500);
    const later = await audioPackets(ana, benId);
    assert.ok(later - start <= 2, `Ben's audio stays muted after the restart (${start} -> ${later})`);
    // Ana's is not muted and flows.
    const anaStart = await audioPackets(ben, anaId);
    await eventually(async () => (await audioPackets(ben, anaId)) > anaStart + 10,
      { timeoutMs: 10_000, message: "Ana's audio reaching Ben after the restart" });
  });
});

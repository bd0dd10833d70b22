/**
 * Issue 9: RSA and ECDSA certificates x GCM and CM SRTP profiles, each handshaking with Chromium. For every pair
 * a Chromium facilitator and a Chromium member, both with a certificate of that kind made by
 * RTCPeerConnection.generateCertificate, meet in a room and decode each other's video; getStats then says which
 * SRTP cipher every transport agreed on and which key the browser's own DTLS certificate carries. Chromium offers
 * both profiles, so the relay's choice decides: run.sh's main server keeps the default (GCM first), and a second
 * one, HEARTH_E2E_CM_URL, runs with HEARTH_SRTP_PROFILES=aes_cm_128_hmac_sha1_80. The certificate goes in
 * through an init script that wraps RTCPeerConnection, so the web client's own code is what runs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, Harness, eventually, uniqueSuffix } from './harness.mjs';
import {
  adminCreatesFacilitator, facilitatorSignsIn, memberKnocks, admit, waitForTiles, assertVideoPlays,
  participantIdOf, assertVideoDecodes,
} from './flows.mjs';

const CM_URL = process.env.HEARTH_E2E_CM_URL;
const SERVERS = [
  { profiles: 'default (GCM first)', url: BASE_URL, cipher: 'SRTP_AEAD_AES_128_GCM' },
  { profiles: 'aes_cm_128_hmac_sha1_80', url: CM_URL, cipher: 'SRTP_AES128_CM_HMAC_SHA1_80' },
];
const CERTIFICATES = [
  { kind: 'RSA', key: 'RSA 2048' },
  { kind: 'ECDSA', key: 'ECDSA P-256' },
];

/**
 * Runs before the page's scripts: starts making the certificate and hands it to every RTCPeerConnection the page
 * creates afterwards. A connection made before it is ready is counted, so the test can tell a lost race from a
 * wrong certificate.
 */
const WITH_CERTIFICATE = (kind) => {
  const Native = window.RTCPeerConnection;
  const params = kind === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
  window.__hearthTestCertificate = null;
  window.__hearthTestCertificateMisses = 0;
  window.RTCPeerConnection.generateCertificate(params).then((certificate) => {
    window.__hearthTestCertificate = certificate;
  });
  window.RTCPeerConnection = function HearthCertificatePeerConnection(config = {}, ...rest) {
    const certificate = window.__hearthTestCertificate;
    if (!certificate) window.__hearthTestCertificateMisses++;
    return new Native(certificate ? { ...config, certificates: [certificate] } : config, ...rest);
  };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
};

function certificateReady(page) {
  return page.waitForFunction(() => window.__hearthTestCertificate !== null, null, { timeout: 15_000 });
}

/**
 * Every open connection's DTLS transport: state, SRTP cipher, and the public key of the local and the remote
 * certificate (read from the DER: the rsaEncryption or id-ecPublicKey OID, and the P-256 curve OID); plus the
 * fingerprints of the certificate the init script made.
 */
function dtlsFacts(page) {
  return page.evaluate(async () => {
    const hex = (b64) => Array.from(atob(b64 || ''), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    const keyOf = (b64) => {
      const der = hex(b64);
      if (der.includes('06092a864886f70d010101')) return 'RSA ' + rsaBits(der);
      if (der.includes('06072a8648ce3d0201')) return der.includes('06082a8648ce3d030107') ? 'ECDSA P-256' : 'ECDSA';
      return der ? 'unknown' : 'none';
    };
    // The modulus INTEGER follows the BIT STRING of an RSA SubjectPublicKeyInfo: its length in bits, leading zero
    // byte excluded.
    const rsaBits = (der) => {
      const at = der.indexOf('0282', der.indexOf('06092a864886f70d010101'));
      if (at < 0) return '?';
      const length = parseInt(der.slice(at + 4, at + 8), 16);
      const leadingZero = der.slice(at + 8, at + 10) === '00' ? 1 : 0;
      return (length - leadingZero) * 8;
    };
    const transports = [];
    for (const pc of window.__hearthPeerConnections || []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'transport') return;
        const local = report.get(s.localCertificateId);
        const remote = report.get(s.remoteCertificateId);
        transports.push({ dtlsState: s.dtlsState, dtlsRole: s.dtlsRole, srtpCipher: s.srtpCipher,
          dtlsCipher: s.dtlsCipher, tlsVersion: s.tlsVersion, localKey: keyOf(local?.base64Certificate),
          localFingerprint: (local?.fingerprint || '').toLowerCase(), remoteKey: keyOf(remote?.base64Certificate) });
      });
    }
    const injected = window.__hearthTestCertificate
      ? window.__hearthTestCertificate.getFingerprints().map((f) => f.value.toLowerCase()) : [];
    return { transports, injected, misses: window.__hearthTestCertificateMisses };
  });
}

/** facilitatorOpensRoom, waiting for the certificate on the room page before entering (which connects). */
async function facilitatorOpensRoomWithCertificate(page, title, firstName) {
  await page.goto('/facilitator');
  await page.getByRole('textbox', { name: 'Room title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create room', exact: true }).click();
  const inviteBox = page.getByRole('textbox', { name: 'Invite link', exact: true });
  await inviteBox.waitFor();
  const invite = await inviteBox.inputValue();
  await page.getByRole('link', { name: 'Enter room', exact: true }).click();
  await page.getByRole('textbox', { name: 'First name', exact: true }).waitFor();
  await certificateReady(page);
  await page.getByRole('textbox', { name: 'First name', exact: true }).fill(firstName);
  await page.getByRole('button', { name: 'Enter room', exact: true }).click();
  await page.getByRole('button', { name: 'Lock room', exact: true }).waitFor();
  return invite;
}

function assertHandshake(facts, who, server, certificate) {
  assert.equal(facts.misses, 0, `${who}: every connection was made after the certificate was ready`);
  assert.equal(facts.transports.length, 2, `${who}: a publish and a subscribe transport (${JSON.stringify(facts)})`);
  for (const t of facts.transports) {
    const seen = JSON.stringify(t);
    assert.equal(t.dtlsState, 'connected', `${who}: DTLS connected ${seen}`);
    assert.equal(t.srtpCipher, server.cipher, `${who}: the relay chose ${server.cipher} ${seen}`);
    assert.equal(t.localKey, certificate.key, `${who}: the browser's DTLS certificate is ${certificate.key} ${seen}`);
    assert.ok(facts.injected.includes(t.localFingerprint),
      `${who}: the transport uses the certificate the page made (${facts.injected}) ${seen}`);
    // Chromium caches certificate stats from the first getStats call (the web client makes one early), so the
    // relay's certificate may be missing; when it is there, it is the relay's ECDSA one.
    if (t.remoteKey !== 'none') assert.equal(t.remoteKey, 'ECDSA P-256', `${who}: the relay's own certificate ${seen}`);
  }
}

const harness = new Harness();
const outcomes = [];

before(async () => {
  await harness.start();
});

after(async () => {
  await harness.stop();
  if (outcomes.length === 0) return;
  const rows = [['certificate', 'relay HEARTH_SRTP_PROFILES', 'srtpCipher (4 transports)', 'DTLS cipher',
    'relay certificate', 'frames at facilitator/member', 'outcome']];
  for (const o of outcomes) {
    rows.push([o.certificate, o.profiles, o.ciphers, o.dtlsCipher, o.relayCertificate, o.frames, o.outcome]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  process.stdout.write(`e2e: SRTP matrix\n${rows.map((r) => `e2e:   ${line(r)}`).join('\n')}\n`);
});

for (const server of SERVERS) {
  for (const certificate of CERTIFICATES) {
    const name = `${certificate.kind} certificate with ${server.cipher}`;
    test(`chromiumHandshakes ${name}`, { skip: server.url ? false : 'HEARTH_E2E_CM_URL is not set (run.sh sets it)' },
      async () => {
        const outcome = { certificate: certificate.kind, profiles: server.profiles, ciphers: '-', dtlsCipher: '-',
          relayCertificate: '-', frames: '-', outcome: 'FAILED' };
        outcomes.push(outcome);
        await harness.scenario(`srtp-${certificate.kind}-${server.cipher}`, async () => {
          const withCertificate = { baseURL: server.url, initScript: [WITH_CERTIFICATE, certificate.kind] };
          const admin = await harness.person('admin', { baseURL: server.url });
          const facilitatorName = `fac-${uniqueSuffix()}`;
          await adminCreatesFacilitator(admin, facilitatorName);
          await harness.close(admin);
          const facilitator = await harness.person('facilitator', withCertificate);
          await facilitatorSignsIn(facilitator, facilitatorName);
          const invite = await facilitatorOpensRoomWithCertificate(facilitator, `${name} group`, 'Ngozi');
          const member = await harness.person('member', withCertificate);
          await member.goto(invite);
          await certificateReady(member);
          await memberKnocks(member, invite, 'Tomas');
          await admit(facilitator, 'Tomas');
          await waitForTiles(member, ['Tomas', 'Ngozi']);
          await waitForTiles(facilitator, ['Ngozi', 'Tomas']);
          // A refused certificate or profile shows here, as a DTLS state, rather than later as video that never plays.
          for (const [who, page] of [['facilitator', facilitator], ['member', member]]) {
            await eventually(async () => {
              const { transports } = await dtlsFacts(page);
              return transports.length === 2 && transports.every((t) => t.dtlsState === 'connected');
            }, { timeoutMs: 20_000, message: `the ${who}'s two DTLS transports to connect with a ${certificate.kind}`
              + ` certificate (${JSON.stringify((await dtlsFacts(page)).transports.map((t) => t.dtlsState))} before)` });
          }
          await assertVideoPlays(member, 'Ngozi');
          await assertVideoPlays(facilitator, 'Tomas');
          const atMember = await assertVideoDecodes(member, 'Tomas', { Ngozi: await participantIdOf(member, 'Ngozi') },
            { minFrames: 10, timeoutMs: 10_000 });
          const atFacilitator = await assertVideoDecodes(facilitator, 'Ngozi',
            { Tomas: await participantIdOf(facilitator, 'Tomas') }, { minFrames: 10, timeoutMs: 10_000 });

          // Chromium may list a transport before its certificate stats: read until the browser's own is there.
          const complete = async (page) => {
            const facts = await dtlsFacts(page);
            return facts.transports.every((t) => t.localKey !== 'none') && facts;
          };
          const facilitatorFacts = await eventually(() => complete(facilitator), { timeoutMs: 5000,
            message: "the facilitator's certificate stats" }).catch(() => dtlsFacts(facilitator));
          const memberFacts = await eventually(() => complete(member), { timeoutMs: 5000,
            message: "the member's certificate stats" }).catch(() => dtlsFacts(member));
          const all = [...facilitatorFacts.transports, ...memberFacts.transports];
          outcome.ciphers = [...new Set(all.map((t) => t.srtpCipher))].join(',') + ` (${all.length})`;
          outcome.dtlsCipher = [...new Set(all.map((t) => t.dtlsCipher))].join(',');
          outcome.certificate = [...new Set(all.map((t) => t.localKey))].join(',');
          outcome.relayCertificate = [...new Set(all.map((t) => (t.remoteKey === 'none' ? 'not reported' : t.remoteKey)))]
            .join(', ');
          outcome.frames = `${atFacilitator.Tomas.framesInWindow}/${atMember.Ngozi.framesInWindow}`;
          assertHandshake(facilitatorFacts, 'facilitator', server, certificate);
          assertHandshake(memberFacts, 'member', server, certificate);
          outcome.outcome = 'ok';
          await harness.close(member);
          await harness.close(facilitator);
        });
      });
  }
}

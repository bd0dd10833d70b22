/**
 * Shared end-to-end machinery: one Debian Chromium for the whole run, one browser context per person,
 * console logs kept per page, and on failure a screenshot, the console and a getStats dump of every page
 * under web-client/target/e2e/.
 */
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.HEARTH_E2E_URL;
export const ADMIN_PASSWORD = process.env.HEARTH_E2E_ADMIN_PASSWORD;
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e');
const CHROMIUM = process.env.HEARTH_E2E_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  // The relay advertises 127.0.0.1; without this Chromium gathers only non-loopback addresses.
  '--allow-loopback-in-peer-connection',
  // A run against a LAN-style address (the Firefox namespace run) has no localhost exemption: getUserMedia
  // needs a secure context.
  ...(BASE_URL && !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(BASE_URL)
    ? [`--unsafely-treat-insecure-origin-as-secure=${new URL(BASE_URL).origin}`] : []),
];

/**
 * Records every RTCPeerConnection and which participant each received track belongs to (its stream id),
 * so tests can read inbound-rtp stats per person without any test hook in the app itself.
 */
export const PEER_CONNECTION_PROBE = () => {
  const Native = window.RTCPeerConnection;
  window.__hearthPeerConnections = [];
  window.__hearthTrackOwners = {};
  window.RTCPeerConnection = function HearthProbePeerConnection(...args) {
    const pc = new Native(...args);
    window.__hearthPeerConnections.push(pc);
    pc.addEventListener('track', (event) => {
      if (event.streams && event.streams[0]) window.__hearthTrackOwners[event.track.id] = event.streams[0].id;
    });
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
  // The signaling sockets too, so a test can cut one as a network blip would.
  const NativeSocket = window.WebSocket;
  window.__hearthSockets = [];
  window.WebSocket = function HearthProbeSocket(...args) {
    const socket = new NativeSocket(...args);
    window.__hearthSockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  Object.setPrototypeOf(window.WebSocket, NativeSocket);
};

/** Cuts the page's open signaling socket(s), as a dropped network would. */
export function dropSignaling(page) {
  return page.evaluate(() => {
    let cut = 0;
    for (const socket of window.__hearthSockets || []) {
      if (socket.readyState === 1) {
        socket.close(4000, 'test: network blip');
        cut++;
      }
    }
    return cut;
  });
}

export class Harness {
  constructor() {
    if (!BASE_URL) throw new Error('HEARTH_E2E_URL is not set: run the end-to-end tests with web-client/e2e/run.sh');
    this.browser = null;
    this.ownBrowsers = [];
    this.pages = [];
    this.onStop = [];
  }

  async start() {
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }

  async stop() {
    for (const stop of this.onStop) await stop();
    for (const browser of this.ownBrowsers) await browser.close();
    if (this.browser) await this.browser.close();
  }

  /**
   * A new person: their own browser context (cookies, storage), one page. With {@code cameraFile} (a .y4m or
   * .mjpeg clip) they get a browser of their own whose fake camera plays that clip instead of Chromium's
   * built-in test pattern. With {@code executablePath} they get a browser of their own started by that program
   * (chromium-in-netns.sh: a Chromium on a restricted network). {@code baseURL} points them at another server
   * than run.sh's main one; {@code initScript} ([function, argument]) runs in each of their pages after the probe.
   */
  async person(label, { viewport = { width: 1100, height: 800 }, cameraFile = null, executablePath = null,
    baseURL = BASE_URL, initScript = null } = {}) {
    let browser = this.browser;
    if (cameraFile || executablePath) {
      browser = await chromium.launch({ executablePath: executablePath || CHROMIUM, headless: true,
        args: [...CHROMIUM_ARGS, ...(cameraFile ? [`--use-file-for-fake-video-capture=${cameraFile}`] : [])] });
      this.ownBrowsers.push(browser);
    }
    const context = await browser.newContext({ baseURL, viewport, permissions: ['camera', 'microphone'] });
    await context.addInitScript(PEER_CONNECTION_PROBE);
    if (initScript) await context.addInitScript(initScript[0], initScript[1]);
    const page = await context.newPage();
    const entry = { label, page, context, console: [] };
    page.on('console', (message) => entry.console.push(`[${new Date().toISOString()}] ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => entry.console.push(`[${new Date().toISOString()}] pageerror: ${error.stack || error}`));
    this.pages.push(entry);
    return page;
  }

  async close(page) {
    const entry = this.pages.find((p) => p.page === page);
    if (!entry) return;
    this.pages = this.pages.filter((p) => p !== entry);
    await entry.context.close();
  }

  /** Runs a scenario; on failure saves what each open page shows, says and measures, then rethrows. */
  async scenario(name, body) {
    try {
      await body();
    } catch (error) {
      await this.saveArtifacts(name);
      throw error;
    }
  }

  async saveArtifacts(name) {
    const dir = path.join(ARTIFACTS, name.replace(/[^a-z0-9-]+/gi, '-'));
    await mkdir(dir, { recursive: true });
    for (const entry of this.pages) {
      const base = path.join(dir, entry.label);
      await entry.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
      await writeFile(`${base}.console.log`, entry.console.join('\n') + '\n').catch(() => {});
      const stats = await statsDump(entry.page).catch((e) => ({ error: String(e) }));
      await writeFile(`${base}.webrtc-stats.json`, JSON.stringify(stats, null, 2)).catch(() => {});
    }
    process.stderr.write(`e2e: artifacts of the failed scenario "${name}" are in ${dir}\n`);
  }
}

/**
 * A camera-like clip for the fake camera: Chromium's built-in pattern is so plain that its encoder never needs
 * 1 Mbps, whatever the network allows. Colour bars with moving parts and sensor-like grain, 720p at 30 fps,
 * made with Debian's ffmpeg into target/ (Chromium loops it).
 */
export function cameraClip() {
  const file = path.join(ARTIFACTS, '..', 'e2e-camera-720p.mjpeg');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi',
      '-i', 'testsrc2=size=1280x720:rate=30,noise=alls=14:allf=t', '-t', '2', '-q:v', '5', '-f', 'mjpeg', file]);
  }
  return file;
}

/** Everything getStats says on a page (like chrome://webrtc-internals), plus signaling and ICE states. */
export function statsDump(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const pc of window.__hearthPeerConnections || []) {
      const report = await pc.getStats();
      const stats = [];
      report.forEach((s) => stats.push(s));
      // Only the feedback and header-extension lines of the SDP: never credentials or fingerprints.
      const feedback = (d) => (d?.sdp || '').split(/\r?\n/).filter((l) => /^a=(rtcp-fb|extmap):/.test(l));
      out.push({ signalingState: pc.signalingState, iceConnectionState: pc.iceConnectionState,
        connectionState: pc.connectionState, localDescription: pc.localDescription?.type,
        remoteDescription: pc.remoteDescription?.type,
        localFeedback: feedback(pc.localDescription), remoteFeedback: feedback(pc.remoteDescription), stats });
    }
    return { trackOwners: window.__hearthTrackOwners, peerConnections: out };
  });
}

/**
 * Inbound RTP counters on a page, per remote participant id and kind (as Chromium and Firefox report them), from
 * its open connections only: a closed one (a transport replaced after a server restart) may refuse getStats.
 */
export function inboundByParticipant(page) {
  return page.evaluate(async () => {
    const result = {};
    for (const pc of window.__hearthPeerConnections || []) {
      if (pc.signalingState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        const owner = window.__hearthTrackOwners[s.trackIdentifier];
        if (!owner) return;
        result[owner] ??= {};
        result[owner][s.kind] = { packetsReceived: s.packetsReceived || 0, framesDecoded: s.framesDecoded || 0,
          bytesReceived: s.bytesReceived || 0, packetsLost: s.packetsLost || 0 };
      });
    }
    return result;
  });
}

/** Outbound video bytes sent (summed over encodings) and the time of the reading. */
export function outboundVideoBytes(page) {
  return page.evaluate(async () => {
    let bytes = 0;
    // Why a ramp is slow: the send-side estimate, the encoder's target, what limits it, the frame size.
    const why = {};
    for (const pc of window.__hearthPeerConnections || []) {
      const report = await pc.getStats();
      let sendsVideo = false;
      report.forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          sendsVideo = true;
          bytes += s.bytesSent || 0;
          Object.assign(why, { targetBitrate: s.targetBitrate, limitation: s.qualityLimitationReason,
            frame: `${s.frameWidth}x${s.frameHeight}`, fps: s.framesPerSecond });
        }
        if (s.type === 'remote-inbound-rtp' && s.kind === 'video') why.fractionLost = s.fractionLost;
      });
      if (sendsVideo) {
        report.forEach((s) => {
          if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate !== undefined) {
            why.availableOutgoingBitrate = s.availableOutgoingBitrate;
          }
        });
      }
    }
    return { bytes, at: performance.now(), why };
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a truthy value, or fails with `message` after `timeoutMs`. */
export async function eventually(check, { timeoutMs = 10_000, intervalMs = 200, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message} (last: ${last})`);
    await sleep(intervalMs);
  }
}

export function uniqueSuffix() {
  return Math.random().toString(36).slice(2, 8);
}

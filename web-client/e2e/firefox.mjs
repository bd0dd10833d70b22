/**
 * Firefox people for the end-to-end flows: Debian's firefox-esr inside the test network namespace (netns.sh),
 * driven by puppeteer-core over WebDriver BiDi, each person in their own user context (cookies, storage), with
 * Firefox's fake camera and microphone. Pages are PuppeteerPage adapters, so flows.mjs runs unchanged.
 *
 * Firefox never pairs with loopback candidates, hence the namespace: the server advertises the host end of
 * the veth pair and the pages load from it, an address Firefox treats like any LAN address.
 */
import puppeteer from 'puppeteer-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, PEER_CONNECTION_PROBE } from './harness.mjs';
import { PuppeteerPage } from './puppeteer-page.mjs';

const LAUNCHER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'firefox-in-netns.sh');

/** Fake media without prompts, and the test server's plain-http origin counted as secure for getUserMedia. */
export function firefoxPrefs(baseUrl) {
  return {
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    'dom.securecontext.allowlist': new URL(baseUrl).hostname,
    // Host candidates as addresses rather than mDNS names, so stats dumps say which address paired.
    'media.peerconnection.ice.obfuscate_host_addresses': false,
  };
}

/** One Firefox for the whole run, started on first use and closed with the harness. */
async function firefoxOf(harness) {
  if (!harness.firefox) {
    // Puppeteer gives every launch a fresh temporary profile, with its own prefs for automation plus ours.
    harness.firefox = await puppeteer.launch({
      browser: 'firefox', executablePath: LAUNCHER, headless: true, extraPrefsFirefox: firefoxPrefs(BASE_URL),
    });
    harness.onStop.push(async () => {
      await harness.firefox.close().catch(() => {});
      harness.firefox = null;
    });
  }
  return harness.firefox;
}

/** A new person in Firefox, tracked by the harness like a Chromium one (artifacts on failure, close). */
export async function firefoxPerson(harness, label, { viewport = { width: 1100, height: 800 } } = {}) {
  const browser = await firefoxOf(harness);
  const context = await browser.createBrowserContext();
  const raw = await context.newPage();
  await raw.setViewport(viewport);
  await raw.evaluateOnNewDocument(PEER_CONNECTION_PROBE);
  const page = new PuppeteerPage(raw, BASE_URL);
  const entry = { label, page, context, console: [] };
  raw.on('console', (message) => entry.console.push(`[${new Date().toISOString()}] ${message.type()}: ${message.text()}`));
  raw.on('pageerror', (error) => entry.console.push(`[${new Date().toISOString()}] pageerror: ${error.stack || error}`));
  harness.pages.push(entry);
  return page;
}

export async function firefoxVersion(harness) {
  return (await firefoxOf(harness)).version();
}

/**
 * A fresh server without HEARTH_ADMIN_PASSWORD shows a one-time setup code on its console; the person who
 * started it sets the admin's password on /admin with that code, then signs in. This test starts its own
 * server (the shared one of run.sh already has an admin) on free ports with an empty data directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, eventually } from './harness.mjs';

const JAR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'signaling-server', 'target',
  'hearth-server.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

test('firstStartSetupCodeLetsTheOperatorChooseTheAdminPassword', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-first-admin-'));
  const port = await freePort();
  const server = spawn('java', ['-jar', JAR], {
    env: { ...process.env, HEARTH_DATA_DIR: dataDir, HEARTH_HTTP_PORT: String(port), HEARTH_MEDIA_PORT: '0', HEARTH_MEDIA_TCP_PORT: '0',
      HEARTH_PUBLIC_IP: '127.0.0.1', HEARTH_ADMIN_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let console = '';
  server.stdout.on('data', (chunk) => { console += chunk; });
  server.stderr.on('data', (chunk) => { console += chunk; });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const code = await eventually(() => {
      const match = /one-time code:\s+(\S+)/.exec(console);
      return match && console.includes('Hearth is running at') ? match[1] : null;
    }, { timeoutMs: 60_000, message: 'the server printed its setup code and became ready' });

    const page = await (await browser.newContext({ baseURL: `http://localhost:${port}` })).newPage();
    await page.goto('/admin');
    await page.getByRole('textbox', { name: 'Setup code' }).fill('wrong-code-0000');
    await page.getByLabel('New admin password').fill('a long admin passphrase');
    await page.getByRole('button', { name: 'Set up' }).click();
    await page.getByRole('alert').filter({ hasText: /code/i }).waitFor();

    await page.getByRole('textbox', { name: 'Setup code' }).fill(code);
    await page.getByLabel('New admin password').fill('a long admin passphrase');
    await page.getByRole('button', { name: 'Set up' }).click();

    await page.getByRole('textbox', { name: 'Username' }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('a long admin passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();

    const again = await fetch(`http://localhost:${port}/api/setup`).then((r) => r.json());
    assert.equal(again.needed, false, 'the code works once: setup is no longer offered');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});

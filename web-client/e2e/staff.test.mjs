/**
 * Issue 13 items 1, 6 and 8 in real Chromium, through accessible names: a facilitator revokes one invite (that
 * link then says the invite was withdrawn) and rotates the room's link; an admin switches a facilitator off and
 * their signed-in page loses its session at once; a facilitator turns on two-step sign-in and signs in with a
 * code this test computes from the secret the page showed (RFC 6238, as an authenticator app would).
 * Run by web-client/e2e/run.sh, which starts the server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Harness, uniqueSuffix } from './harness.mjs';
import { FACILITATOR_PASSWORD, adminCreatesFacilitator, adminSignsIn, facilitatorSignsIn } from './flows.mjs';

const harness = new Harness();

before(async () => {
  await harness.start();
});

after(async () => {
  await harness.stop();
});

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The TOTP code for `at` (ms), as an authenticator app makes it. */
function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hash = createHmac('sha1', secret).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = (hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

async function newFacilitator() {
  const name = `staff-${uniqueSuffix()}`;
  const admin = await harness.person('admin');
  await adminCreatesFacilitator(admin, name);
  await harness.close(admin);
  return name;
}

async function createRoom(page, title) {
  await page.getByRole('textbox', { name: 'Room title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create room', exact: true }).click();
  await page.getByRole('textbox', { name: 'Invite link', exact: true }).waitFor();
  return page.getByRole('region', { name: `Manage ${title}`, exact: true });
}

async function joinPageSays(page, url, text) {
  await page.goto(url);
  await page.getByText(text).first().waitFor();
}

test('facilitatorRevokesOneInviteAndThatLinkSaysItWasWithdrawn', async () => {
  await harness.scenario('revoke-invite', async () => {
    const name = await newFacilitator();
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, name);
    const tools = await createRoom(facilitator, 'Monday circle');
    await tools.getByRole('combobox', { name: 'New invite works for', exact: true }).selectOption({ label: '7 days' });
    await tools.getByRole('button', { name: 'Create invite', exact: true }).click();
    const second = tools.getByRole('textbox', { name: 'Invite 2 link', exact: true });
    await second.waitFor();
    const first = await tools.getByRole('textbox', { name: 'Invite 1 link', exact: true }).inputValue();
    const kept = await second.inputValue();

    await tools.getByRole('button', { name: 'Revoke invite 1', exact: true }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Invite 1 was revoked' }).waitFor();
    await facilitator.getByRole('region', { name: 'Manage Monday circle', exact: true })
      .getByRole('cell', { name: 'Revoked', exact: true }).waitFor();

    const member = await harness.person('member');
    await joinPageSays(member, first, 'This invite was withdrawn');
    await member.goto(kept);
    await member.getByRole('button', { name: 'Join', exact: true }).waitFor();
    await harness.close(member);
    await harness.close(facilitator);
  });
});

test('rotatingTheLinkEndsEveryEarlierInvite', async () => {
  await harness.scenario('rotate-link', async () => {
    const name = await newFacilitator();
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, name);
    const tools = await createRoom(facilitator, 'Wednesday circle');
    const old = await facilitator.getByRole('textbox', { name: 'Invite link for Wednesday circle', exact: true }).inputValue();
    await tools.getByRole('button', { name: 'Rotate link', exact: true }).click();
    await facilitator.getByRole('status').filter({ hasText: 'The link was rotated' }).waitFor();
    const fresh = await facilitator.getByRole('textbox', { name: 'Invite link for Wednesday circle', exact: true }).inputValue();
    assert.notEqual(fresh, old, 'the room has a new link');

    const member = await harness.person('member');
    await joinPageSays(member, old, 'This invite was withdrawn');
    await member.goto(fresh);
    await member.getByRole('button', { name: 'Join', exact: true }).waitFor();
    await harness.close(member);
    await harness.close(facilitator);
  });
});

test('adminSwitchesAFacilitatorOffAndTheirSignedInPageLosesItsSessionAtOnce', async () => {
  await harness.scenario('disable-facilitator', async () => {
    const name = await newFacilitator();
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, name);
    const admin = await harness.person('admin');
    await adminSignsIn(admin);
    await admin.getByRole('button', { name: `Switch off ${name}`, exact: true }).click();
    await admin.getByRole('button', { name: `Switch on ${name}`, exact: true }).waitFor();
    await admin.getByRole('row').filter({ hasText: name }).getByRole('cell', { name: 'Switched off', exact: true }).waitFor();

    // The facilitator's next action is refused, and a reload asks them to sign in.
    await facilitator.getByRole('textbox', { name: 'Room title', exact: true }).fill('After');
    await facilitator.getByRole('button', { name: 'Create room', exact: true }).click();
    await facilitator.getByRole('alert').filter({ hasText: /sign in/i }).waitFor();
    await facilitator.reload();
    await facilitator.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await facilitator.getByRole('textbox', { name: 'Username', exact: true }).fill(name);
    await facilitator.getByLabel('Password', { exact: true }).fill(FACILITATOR_PASSWORD);
    await facilitator.getByRole('button', { name: 'Sign in', exact: true }).click();
    await facilitator.getByRole('alert').filter({ hasText: 'switched off' }).waitFor();

    await admin.getByRole('button', { name: `Switch on ${name}`, exact: true }).click();
    await admin.getByRole('button', { name: `Switch off ${name}`, exact: true }).waitFor();
    await facilitatorSignsIn(facilitator, name);
    await harness.close(admin);
    await harness.close(facilitator);
  });
});

test('aFacilitatorTurnsOnTwoStepSignInAndSignsInWithACode', async () => {
  await harness.scenario('totp-sign-in', async () => {
    const name = await newFacilitator();
    const facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, name);
    const twoStep = facilitator.getByRole('group', { name: 'Two-step sign-in', exact: true });
    await twoStep.getByLabel('Your password', { exact: true }).fill(FACILITATOR_PASSWORD);
    await twoStep.getByRole('button', { name: 'Set up two-step sign-in', exact: true }).click();
    const key = await twoStep.getByRole('textbox', { name: 'Setup key', exact: true }).inputValue();
    const uri = await twoStep.getByRole('textbox', { name: 'Setup address', exact: true }).inputValue();
    assert.match(uri, new RegExp(`^otpauth://totp/Hearth:${name}\\?secret=${key}&`));
    const secret = base32Decode(key);
    await twoStep.getByRole('textbox', { name: 'Code from the app', exact: true }).fill(totp(secret));
    await twoStep.getByRole('button', { name: 'Turn on two-step sign-in', exact: true }).click();
    await twoStep.getByText('Two-step sign-in is on').waitFor();
    await facilitator.getByRole('button', { name: 'Sign out', exact: true }).click();

    // A code works once: wait for the next 30-second step, so the code typed now is not the one just used.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));
    await facilitator.getByRole('textbox', { name: 'Username', exact: true }).fill(name);
    await facilitator.getByLabel('Password', { exact: true }).fill(FACILITATOR_PASSWORD);
    await facilitator.getByRole('button', { name: 'Sign in', exact: true }).click();
    const code = facilitator.getByRole('textbox', { name: 'Sign-in code', exact: true });
    await code.fill(totp(secret) === '000000' ? '111111' : '000000');
    await facilitator.getByRole('button', { name: 'Continue', exact: true }).click();
    await facilitator.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
    await code.fill(totp(secret));
    await facilitator.getByRole('button', { name: 'Continue', exact: true }).click();
    await facilitator.getByRole('button', { name: 'Create room', exact: true }).waitFor();
    await harness.close(facilitator);
  });
});

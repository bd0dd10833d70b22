/** What people do in Hearth, step by step, through accessible names only (the issue 4 contract). */
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, eventually } from './harness.mjs';

export const FACILITATOR_PASSWORD = 'a calm and long facilitator passphrase';

export async function adminSignsIn(page) {
  await page.goto('/admin');
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Create facilitator', exact: true }).waitFor();
}

export async function adminCreatesFacilitator(page, username) {
  await adminSignsIn(page);
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(FACILITATOR_PASSWORD);
  await page.getByRole('button', { name: 'Create facilitator', exact: true }).click();
  await page.getByRole('cell', { name: username, exact: true }).waitFor();
}

export async function facilitatorSignsIn(page, username) {
  await page.goto('/facilitator');
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(FACILITATOR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Create room', exact: true }).waitFor();
}

/** Creates a room from the room list and enters it; returns the invite link. */
export async function facilitatorOpensRoom(page, title, firstName) {
  await page.goto('/facilitator');
  await page.getByRole('textbox', { name: 'Room title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create room', exact: true }).click();
  const inviteBox = page.getByRole('textbox', { name: 'Invite link', exact: true });
  await inviteBox.waitFor();
  assert.equal(await inviteBox.getAttribute('readonly'), '', 'the invite link is read-only');
  const invite = await inviteBox.inputValue();
  assert.match(invite, /\/join\/[^/]+$/);
  await page.getByRole('link', { name: 'Enter room', exact: true }).click();
  await page.getByRole('textbox', { name: 'First name', exact: true }).fill(firstName);
  await page.getByRole('button', { name: 'Enter room', exact: true }).click();
  await page.getByRole('button', { name: 'Lock room', exact: true }).waitFor();
  return invite;
}

/** Fills the join form; does not wait for the outcome. */
export async function memberSubmits(page, invite, firstName) {
  if (page.url() !== invite) await page.goto(invite);
  await page.getByRole('textbox', { name: 'First name', exact: true }).fill(firstName);
  const agree = page.getByRole('checkbox', { name: 'I will keep what others share here confidential', exact: true });
  if (!(await agree.isChecked())) await agree.check();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

export async function memberKnocks(page, invite, firstName) {
  await memberSubmits(page, invite, firstName);
  await page.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).waitFor();
}

export async function admit(facilitator, firstName) {
  await facilitator.getByRole('button', { name: `Admit ${firstName}`, exact: true }).click();
}

export function tile(page, firstName) {
  return page.locator('figure').filter({ has: page.locator('figcaption', { hasText: new RegExp(`^${firstName}$`) }) });
}

export async function waitForTiles(page, names) {
  for (const name of names) await tile(page, name).waitFor();
}

/** The video in a person's tile shows moving pictures: real size, and its clock advancing. */
export async function assertVideoPlays(page, firstName) {
  const video = tile(page, firstName).locator('video');
  const first = await eventually(async () => {
    const v = await video.evaluate((el) => ({ width: el.videoWidth, time: el.currentTime }));
    return v.width > 0 ? v : null;
  }, { timeoutMs: 15_000, message: `${firstName}'s video to have a size` });
  await eventually(async () => (await video.evaluate((el) => el.currentTime)) > first.time,
    { timeoutMs: 5000, message: `${firstName}'s video time to advance` });
}

/** The participant id behind a tile, read from the stream attached to its video. */
export function participantIdOf(page, firstName) {
  return tile(page, firstName).locator('video').evaluate((el) => el.srcObject && el.srcObject.id);
}

export function recordingStatus(page) {
  return page.getByRole('status').filter({ hasText: /^Recording$/ });
}

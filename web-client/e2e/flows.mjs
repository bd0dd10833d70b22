/** What people do in Hearth, step by step, through accessible names only (the issue 4 contract). */
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, eventually, inboundByParticipant, sleep } from './harness.mjs';

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

/**
 * The participant id behind a tile, read from the stream attached to its video. A tile appears as soon as the
 * person is announced and gets its stream when their media arrives, so this waits for the stream.
 */
export async function participantIdOf(page, firstName) {
  const video = tile(page, firstName).locator('video');
  return eventually(async () => video.evaluate((el) => el.srcObject && el.srcObject.id),
    { timeoutMs: 15_000, message: `${firstName}'s tile to get its stream` });
}

export function recordingStatus(page) {
  return page.getByRole('status').filter({ hasText: /^Recording$/ });
}

/**
 * On `page`, the video of every participant in `others` ({ firstName: participantId }) decodes: inbound-rtp
 * framesDecoded rises by at least `minFrames` within `timeoutMs`; with `lossless`, packetsLost stays 0 for
 * their audio and video. Returns what was measured, per name: frames decoded in the window, packets lost.
 */
export async function assertVideoDecodes(page, viewer, others, { minFrames = 1, timeoutMs = 5000, lossless = false } = {}) {
  const before = await inboundByParticipant(page);
  const started = Date.now();
  const now = await eventually(async () => {
    const stats = await inboundByParticipant(page);
    return Object.values(others).every((id) =>
      (stats[id]?.video?.framesDecoded ?? 0) >= (before[id]?.video?.framesDecoded ?? 0) + minFrames) && stats;
  }, { timeoutMs, message: `${viewer}'s inbound-rtp framesDecoded to rise by ${minFrames} for ${Object.keys(others)}` });
  const figures = {};
  for (const [name, id] of Object.entries(others)) {
    const lost = (now[id]?.video?.packetsLost ?? 0) + (now[id]?.audio?.packetsLost ?? 0);
    figures[name] = { framesDecoded: now[id].video.framesDecoded, framesInWindow: now[id].video.framesDecoded
      - (before[id]?.video?.framesDecoded ?? 0), windowMs: Date.now() - started,
      videoPackets: now[id].video.packetsReceived, packetsLost: lost };
    if (lossless) assert.equal(lost, 0, `${viewer} lost no packets of ${name}'s media (${JSON.stringify(now[id])})`);
  }
  return figures;
}

/**
 * The facilitator mutes `memberName` on the server: their audio reaches `listener` before, stops arriving after
 * (at most 2 packets already in flight), the member is told; then the facilitator unmutes them again.
 */
export async function assertFacilitatorMuteStopsAudio(facilitator, member, memberName, listener) {
  const memberId = await participantIdOf(listener, memberName);
  const audioPackets = async () => (await inboundByParticipant(listener))[memberId]?.audio?.packetsReceived ?? 0;
  const start = await audioPackets();
  await eventually(async () => (await audioPackets()) > start + 10,
    { timeoutMs: 5000, message: `${memberName}'s audio reaching the listener before the mute` });
  await facilitator.getByRole('button', { name: `Mute ${memberName}`, exact: true }).click();
  await facilitator.getByRole('button', { name: `Unmute ${memberName}`, exact: true }).waitFor();
  await sleep(300); // packets already in flight
  const afterMute = await audioPackets();
  await sleep(1500);
  const later = await audioPackets();
  assert.ok(later - afterMute <= 2, `${memberName}'s audio stopped arriving at the listener (${afterMute} -> ${later})`);
  await member.getByText('The facilitator has muted your microphone.').waitFor();
  await facilitator.getByRole('button', { name: `Unmute ${memberName}`, exact: true }).click();
  await facilitator.getByRole('button', { name: `Mute ${memberName}`, exact: true }).waitFor();
  // Unmuted, the audio flows again.
  const unmuted = await audioPackets();
  await eventually(async () => (await audioPackets()) > unmuted + 10,
    { timeoutMs: 5000, message: `${memberName}'s audio reaching the listener again after the unmute` });
  return { beforeMute: afterMute, afterMute: later };
}

/**
 * `member` reloads their page during the session and comes back into the room without the lobby: every tile
 * (`everyone`, their own name included), videos playing, and their new video decoding at the facilitator.
 */
export async function assertReloadResumes(member, memberName, everyone, facilitator) {
  await member.reload();
  await waitForTiles(member, everyone);
  assert.equal(await member.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).count(), 0);
  assert.equal(await facilitator.getByRole('button', { name: `Admit ${memberName}`, exact: true }).count(), 0);
  for (const other of everyone.filter((n) => n !== memberName)) await assertVideoPlays(member, other);
  const memberId = await participantIdOf(facilitator, memberName);
  return assertVideoDecodes(facilitator, 'the facilitator', { [memberName]: memberId }, { minFrames: 11, timeoutMs: 10_000 });
}

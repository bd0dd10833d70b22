/**
 * Issue 13 in real Chromium, through accessible names only: a co-facilitator the owner added admits a member;
 * the owner edits the agreement during the session, the member's media is held until they accept the new
 * words, and the agreement record shows both of their acknowledgements; a breach report locks the room, removes
 * the member and opens an incident the admin sees.
 * Run by web-client/e2e/run.sh (HEARTH_E2E_ONLY=care), which starts the server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, eventually, inboundByParticipant, sleep, uniqueSuffix } from './harness.mjs';
import {
  FACILITATOR_PASSWORD, adminCreatesFacilitator, adminSignsIn, facilitatorSignsIn, memberKnocks, admit, waitForTiles,
  assertVideoDecodes, participantIdOf, tile,
} from './flows.mjs';

const harness = new Harness();
const ownerName = `owner-${uniqueSuffix()}`;
const coName = `co-${uniqueSuffix()}`;
const TITLE = 'Thursday group';
let owner;
let co;
let ana;
let invite;

before(async () => {
  await harness.start();
});

after(async () => {
  await harness.stop();
});

async function enterRoom(page, firstName) {
  await page.goto('/facilitator');
  await page.getByRole('link', { name: `Enter ${TITLE}`, exact: true }).click();
  await page.getByRole('textbox', { name: 'First name', exact: true }).fill(firstName);
  await page.getByRole('button', { name: 'Enter room', exact: true }).click();
  await page.getByRole('button', { name: 'Lock room', exact: true }).waitFor();
}

test('theOwnerAddsACoFacilitatorWhoAdmitsAMember', async () => {
  await harness.scenario('care-co-facilitator', async () => {
    const admin = await harness.person('admin');
    await adminCreatesFacilitator(admin, ownerName);
    await admin.getByRole('textbox', { name: 'Username', exact: true }).fill(coName);
    await admin.getByLabel('Password', { exact: true }).fill(FACILITATOR_PASSWORD);
    await admin.getByRole('button', { name: 'Create facilitator', exact: true }).click();
    await admin.getByRole('cell', { name: coName, exact: true }).waitFor();
    await harness.close(admin);

    owner = await harness.person('owner');
    await facilitatorSignsIn(owner, ownerName);
    await owner.getByRole('textbox', { name: 'Room title', exact: true }).fill(TITLE);
    await owner.getByRole('button', { name: 'Create room', exact: true }).click();
    invite = await owner.getByRole('textbox', { name: 'Invite link', exact: true }).inputValue();
    await owner.getByRole('button', { name: `Co-facilitators for ${TITLE}`, exact: true }).click();
    await owner.getByRole('textbox', { name: `Username of a co-facilitator for ${TITLE}`, exact: true }).fill(coName);
    await owner.getByRole('button', { name: 'Add co-facilitator', exact: true }).click();
    await owner.getByRole('button', { name: `Remove co-facilitator ${coName}`, exact: true }).waitFor();

    co = await harness.person('co-facilitator');
    await facilitatorSignsIn(co, coName);
    await enterRoom(co, 'Lee');
    ana = await harness.person('ana');
    await memberKnocks(ana, invite, 'Ana');
    await admit(co, 'Ana');
    await waitForTiles(ana, ['Ana', 'Lee']);
    await waitForTiles(co, ['Lee', 'Ana']);
    // The agreement is a reminder at the start of every session.
    await ana.getByRole('region', { name: 'Reminder: our group agreement', exact: true }).waitFor();
    await ana.getByRole('button', { name: 'Close the reminder', exact: true }).click();
  });
});

test('anEditedAgreementHoldsTheMembersMediaUntilTheyAcceptAndTheRecordShowsBothAcknowledgements', async () => {
  await harness.scenario('care-agreement', async () => {
    await enterRoom(owner, 'Ngozi');
    await waitForTiles(ana, ['Ana', 'Lee', 'Ngozi']);
    const ngoziId = await participantIdOf(ana, 'Ngozi');
    await assertVideoDecodes(ana, 'Ana', { Ngozi: ngoziId }, { minFrames: 5, timeoutMs: 15_000 });

    const words = 'We keep what we hear in this room. We speak for ourselves.';
    await owner.getByRole('button', { name: 'Edit agreement', exact: true }).click();
    await owner.getByRole('textbox', { name: 'Group agreement', exact: true }).fill(words);
    await owner.getByRole('button', { name: 'Save agreement', exact: true }).click();

    const dialog = ana.getByRole('dialog', { name: 'The group agreement has changed', exact: true });
    await dialog.waitFor();
    await dialog.getByText(words, { exact: true }).waitFor();
    await owner.getByText('Has not accepted the new agreement yet').waitFor();
    // The relay holds Ana's media: what she receives stops (a few packets may have been in flight).
    const videoPackets = async () => (await inboundByParticipant(ana))[ngoziId]?.video?.packetsReceived ?? 0;
    await sleep(500);
    const held = await videoPackets();
    await sleep(1500);
    const stillHeld = await videoPackets();
    assert.ok(stillHeld - held <= 2, `nothing reaches Ana while she has not accepted (${held} -> ${stillHeld})`);

    await dialog.getByRole('button', { name: 'I accept the new agreement', exact: true }).click();
    await eventually(async () => (await dialog.count()) === 0 || !(await dialog.isVisible()),
      { message: 'the agreement dialog to close' });
    await eventually(async () => (await owner.getByText('Has not accepted the new agreement yet').count()) === 0,
      { message: 'the facilitator to see that Ana accepted' });
    await assertVideoDecodes(ana, 'Ana', { Ngozi: ngoziId }, { minFrames: 5, timeoutMs: 15_000 });

    // The agreement record on the facilitator page: both of Ana's acknowledgements, version 1 and version 2.
    const record = await owner.context().newPage();
    await record.goto('/facilitator');
    await record.getByRole('button', { name: `Agreement for ${TITLE}`, exact: true }).click();
    const table = record.getByRole('table', { name: `Agreement acknowledgements for ${TITLE}`, exact: true });
    await table.waitFor();
    await record.getByText(words, { exact: true }).first().waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(rows.map((r) => r[0]), ['1', '2'], 'the knock and the re-acknowledgement');
    assert.equal(rows[0][1], rows[1][1], 'both by the same pseudonymous participant');
    assert.match(rows[0][1], /^p-/);
    await record.getByText('This record is signed and chained by the server; it is intact.').waitFor();
    await record.close();
  });
});

test('aBreachReportLocksTheRoomRemovesTheMemberAndTheIncidentAppearsForTheAdmin', async () => {
  await harness.scenario('care-breach', async () => {
    const report = 'Ana was filming the session with a second phone.';
    await owner.getByRole('button', { name: 'Report a breach', exact: true }).click();
    await owner.getByRole('textbox', { name: 'What happened', exact: true }).fill(report);
    assert.equal(await owner.getByRole('checkbox', { name: 'Lock the room', exact: true }).isChecked(), true);
    await owner.getByRole('checkbox', { name: 'Remove Ana', exact: true }).check();
    await owner.getByRole('button', { name: 'Send the breach report', exact: true }).click();

    await ana.getByText('The facilitator removed you from this session.').waitFor();
    await owner.getByRole('button', { name: 'Unlock room', exact: true }).waitFor();
    await co.getByRole('button', { name: 'Unlock room', exact: true }).waitFor();
    await eventually(async () => (await tile(owner, 'Ana').count()) === 0, { message: 'Ana to be gone from the room' });

    const admin = await harness.person('admin-incidents');
    await adminSignsIn(admin);
    const table = admin.getByRole('table', { name: 'Reported incidents', exact: true });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: report });
    await row.waitFor();
    await row.getByText('open', { exact: true }).waitFor();
    await row.getByText(/room-locked/).waitFor();
    await row.getByRole('button', { name: /^Mark mitigated incident of / }).click();
    await table.getByRole('row').filter({ hasText: report }).getByText('mitigated', { exact: true }).waitFor();
    await harness.close(admin);
  });
});

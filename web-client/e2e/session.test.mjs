/**
 * Issue 4 §5 in real Chromium through the relay: each person in their own browser context, one browser.
 * Run by web-client/e2e/run.sh, which starts the server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, cameraClip, dropSignaling, eventually, inboundByParticipant, outboundVideoBytes, sleep, uniqueSuffix } from './harness.mjs';
import {
  adminCreatesFacilitator, adminSignsIn, facilitatorSignsIn, facilitatorOpensRoom, memberSubmits, memberKnocks, admit,
  waitForTiles, assertVideoPlays, participantIdOf, recordingStatus, tile,
  assertVideoDecodes, assertFacilitatorMuteStopsAudio, assertReloadResumes,
} from './flows.mjs';

const harness = new Harness();
const facilitatorName = `fac-${uniqueSuffix()}`;
let facilitator;
let invite;
let ana;
let ben;

before(async () => {
  await harness.start();
});

after(async () => {
  await harness.stop();
});

test('adminCreatesAFacilitatorWhoSignsInAndOpensARoom', async () => {
  await harness.scenario('admin-and-room', async () => {
    const admin = await harness.person('admin');
    await adminCreatesFacilitator(admin, facilitatorName);
    await harness.close(admin);
    facilitator = await harness.person('facilitator');
    await facilitatorSignsIn(facilitator, facilitatorName);
    invite = await facilitatorOpensRoom(facilitator, 'Tuesday group', 'Ngozi');
  });
});

test('nonFirstNamesAreRejectedWithAnExplanation', async () => {
  await harness.scenario('names', async () => {
    const page = await harness.person('names');
    for (const name of ['John Smith', 'ana@example.com']) {
      await memberSubmits(page, invite, name);
      const alert = page.getByRole('alert').filter({ hasText: /first name/i });
      await alert.waitFor();
      assert.equal(await page.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).count(), 0);
    }
    await harness.close(page);
  });
});

test('facilitatorAdmitsTwoMembersAndEveryoneSeesTheOthersVideo', async () => {
  await harness.scenario('lobby-admit-video', async () => {
    ana = await harness.person('ana');
    ben = await harness.person('ben');
    await memberKnocks(ana, invite, 'Ana');
    await memberKnocks(ben, invite, 'Ben');
    // Waiting people never see each other: the lobby shows nobody's name.
    assert.equal(await ana.getByText('Ben', { exact: true }).count(), 0);
    await admit(facilitator, 'Ana');
    await admit(facilitator, 'Ben');
    const everyone = { Ngozi: facilitator, Ana: ana, Ben: ben };
    for (const [me, page] of Object.entries(everyone)) {
      const othersNames = Object.keys(everyone).filter((n) => n !== me);
      await waitForTiles(page, [me, ...othersNames]);
      assert.equal(await page.locator('figure').count(), 3, `${me} sees three tiles`);
      for (const other of othersNames) await assertVideoPlays(page, other);
    }
    for (const [me, page] of Object.entries(everyone)) {
      const ids = {};
      for (const other of Object.keys(everyone).filter((n) => n !== me)) ids[other] = await participantIdOf(page, other);
      await assertVideoDecodes(page, me, ids);
    }
  });
});

test('facilitatorMuteStopsThatMembersAudioAtTheOthers', async () => {
  await harness.scenario('mute', async () => {
    await assertFacilitatorMuteStopsAudio(facilitator, ana, 'Ana', ben);
  });
});

test('facilitatorRenamesAMemberForEveryone', async () => {
  await harness.scenario('rename', async () => {
    const rename = async (from, to) => {
      await facilitator.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
      await facilitator.getByRole('textbox', { name: `New first name for ${from}`, exact: true }).fill(to);
      await facilitator.getByRole('button', { name: 'Save name', exact: true }).click();
      for (const page of [facilitator, ana, ben]) await tile(page, to).waitFor();
    };
    await rename('Ana', 'Anna');
    await rename('Anna', 'Ana');
  });
});

test('ownControlsToggleMicrophoneAndCamera', async () => {
  await harness.scenario('own-controls', async () => {
    await ben.getByRole('button', { name: 'Mute microphone', exact: true }).click();
    await ben.getByRole('button', { name: 'Unmute microphone', exact: true }).click();
    await ben.getByRole('button', { name: 'Turn camera off', exact: true }).click();
    await ben.getByRole('button', { name: 'Turn camera on', exact: true }).click();
    await ben.getByRole('button', { name: 'Mute microphone', exact: true }).waitFor();
  });
});

async function everyoneAnswers(pages, answer) {
  for (const page of pages) {
    const dialog = page.getByRole('dialog', { name: /recording/i });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: answer, exact: true }).click();
  }
}

test('recordingNeedsEveryoneAndStopsWhenAnyoneWithdraws', async () => {
  await harness.scenario('recording', async () => {
    const everyone = [facilitator, ana, ben];
    // The facilitator's request is their own consent; the members are asked.
    await facilitator.getByRole('button', { name: 'Request recording', exact: true }).click();
    await everyoneAnswers([ana], 'I consent');
    await everyoneAnswers([ben], 'I do not consent');
    await facilitator.getByRole('button', { name: 'Request recording', exact: true }).waitFor();
    await sleep(500);
    for (const page of everyone) assert.equal(await recordingStatus(page).count(), 0, 'one "no" means no recording');

    await facilitator.getByRole('button', { name: 'Request recording', exact: true }).click();
    await everyoneAnswers([ana, ben], 'I consent');
    const consented = Date.now();
    for (const page of everyone) await recordingStatus(page).waitFor({ timeout: 2000 });
    assert.ok(Date.now() - consented <= 2000, 'everyone sees "Recording" within 2 s');

    await ana.getByRole('button', { name: 'Withdraw consent', exact: true }).click();
    const withdrawn = Date.now();
    for (const page of everyone) await recordingStatus(page).waitFor({ state: 'detached', timeout: 2000 }).catch(async () => {
      await recordingStatus(page).waitFor({ state: 'hidden', timeout: Math.max(1, 2000 - (Date.now() - withdrawn)) });
    });
    assert.ok(Date.now() - withdrawn <= 2000, 'the status disappears for everyone within 2 s');
    await facilitator.getByRole('button', { name: 'Stop recording', exact: true }).click();
    await facilitator.getByRole('button', { name: 'Request recording', exact: true }).waitFor();
  });
});

test('lockedRoomTurnsAwayANewMemberUntilUnlocked', async () => {
  await harness.scenario('lock', async () => {
    const cleo = await harness.person('cleo');
    await facilitator.getByRole('button', { name: 'Lock room', exact: true }).click();
    await facilitator.getByRole('button', { name: 'Unlock room', exact: true }).waitFor();
    await memberSubmits(cleo, invite, 'Cleo');
    await cleo.getByRole('alert').filter({ hasText: /locked/i }).waitFor();
    await facilitator.getByRole('button', { name: 'Unlock room', exact: true }).click();
    await facilitator.getByRole('button', { name: 'Lock room', exact: true }).waitFor();
    await cleo.getByRole('button', { name: 'Join', exact: true }).click();
    await cleo.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).waitFor();
    await facilitator.getByRole('button', { name: 'Deny Cleo', exact: true }).click();
    await cleo.getByRole('alert').filter({ hasText: /did not let you in/ }).waitFor();
    await harness.close(cleo);
  });
});

test('droppedSignalingConnectionResumesWithoutTheLobby', async () => {
  await harness.scenario('signaling-drop', async () => {
    assert.equal(await dropSignaling(ben), 1, "Ben's socket was cut");
    await sleep(500);
    await facilitator.getByRole('button', { name: 'Mute Ben', exact: true }).click();
    // The mute notice can only reach Ben over the resumed connection.
    await ben.getByText('The facilitator has muted your microphone.').waitFor({ timeout: 10_000 });
    await facilitator.getByRole('button', { name: 'Unmute Ben', exact: true }).click();
    assert.equal(await ben.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).count(), 0);
    await assertVideoPlays(ben, 'Ana');
  });
});

test('memberWhoReloadsDuringTheSessionComesBackWithoutTheLobby', async () => {
  await harness.scenario('resume', async () => {
    await assertReloadResumes(ana, 'Ana', ['Ana', 'Ngozi', 'Ben'], facilitator);
  });
});

test('removedMemberIsToldAndCannotComeBackWithTheSameLink', async () => {
  await harness.scenario('remove', async () => {
    await facilitator.getByRole('button', { name: 'Remove Ben', exact: true }).click();
    await ben.getByRole('alert').filter({ hasText: /removed/i }).waitFor();
    await tile(facilitator, 'Ben').waitFor({ state: 'detached' });
    await tile(ana, 'Ben').waitFor({ state: 'detached' });
    await ben.goto(invite);
    await memberSubmits(ben, invite, 'Ben');
    await ben.getByRole('alert').filter({ hasText: /removed/i }).waitFor();
    assert.equal(await ben.getByRole('status').filter({ hasText: 'Waiting for the facilitator' }).count(), 0);
    await harness.close(ben);
  });
});

test('facilitatorEndsTheSessionForEveryone', async () => {
  await harness.scenario('end', async () => {
    await facilitator.getByRole('button', { name: 'End session', exact: true }).click();
    await ana.getByRole('alert').filter({ hasText: /ended the session/i }).waitFor();
    await harness.close(ana);
  });
});

test('adminSeesTheRecordingAndSetsRetention', async () => {
  await harness.scenario('admin-retention', async () => {
    const admin = await harness.person('admin-2');
    await adminSignsIn(admin);
    const recordings = admin.getByRole('table', { name: 'Recordings, newest first' });
    await recordings.getByRole('cell', { name: 'Tuesday group' }).first().waitFor();
    const days = admin.getByRole('spinbutton', { name: 'Recording retention (days)', exact: true });
    await days.fill('14');
    await admin.getByRole('spinbutton', { name: 'Consent ledger retention (days)', exact: true }).waitFor();
    await admin.getByRole('spinbutton', { name: 'Audit log retention (days)', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Save retention', exact: true }).click();
    await admin.getByText('Retention saved.').waitFor();
    await admin.reload();
    assert.equal(await admin.getByRole('spinbutton', { name: 'Recording retention (days)', exact: true }).inputValue(), '14');
    await harness.close(admin);
  });
});

test('twoPersonCallRampsUpToOneMegabitAndReportsJoinToFirstFrame', async () => {
  await harness.scenario('bitrate', async () => {
    const roomInvite = await facilitatorOpensRoom(facilitator, 'Two of us', 'Ngozi');
    // Dana's camera is a camera-like clip: the relay's feedback can only let Chromium send what its encoder
    // needs, and the built-in test pattern never needs 1 Mbps.
    const dana = await harness.person('dana', { cameraFile: cameraClip() });
    await memberKnocks(dana, roomInvite, 'Dana');
    const admitted = Date.now();
    await admit(facilitator, 'Dana');
    await eventually(async () => (await tile(dana, 'Ngozi').locator('video').evaluate((el) => el.videoWidth)) > 0,
      { timeoutMs: 15_000, intervalMs: 20, message: "Dana's first frame of Ngozi" });
    const firstFrameMs = Date.now() - admitted;
    process.stdout.write(`e2e: join-to-first-remote-frame ${firstFrameMs} ms (admit click to first decoded frame; target < 2000 ms on loopback)\n`);

    let best = 0;
    const rampStart = Date.now();
    try {
      await eventually(async () => {
        const a = await outboundVideoBytes(dana);
        await sleep(1000);
        const b = await outboundVideoBytes(dana);
        const bps = ((b.bytes - a.bytes) * 8 * 1000) / (b.at - a.at);
        best = Math.max(best, bps);
        process.stdout.write(`e2e: ramp +${((Date.now() - rampStart) / 1000).toFixed(1)} s `
          + `sent ${(bps / 1e6).toFixed(2)} Mbps ${JSON.stringify(b.why)}\n`);
        return bps >= 1_000_000;
      }, { timeoutMs: 20_000, intervalMs: 0, message: 'outbound video at 1 Mbps or more' });
    } finally {
      process.stdout.write(`e2e: outbound video reached at best ${(best / 1e6).toFixed(2)} Mbps (1 s windows)\n`);
    }
    await harness.close(dana);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, Phase, others, isFacilitator, lobbyBadges } from '../src/main/resources/static/js/room-state.js';

const ana = { participantId: 'p-ana', displayName: 'Ana', role: 'member', muted: false };
const ngozi = { participantId: 'p-ng', displayName: 'Ngozi', role: 'facilitator', muted: false };
const sam = { participantId: 'p-sam', displayName: 'Sam', role: 'member', muted: false };

function admittedAsAna() {
  let s = reduce(initialState(), { type: 'lobby', participantId: 'p-ana', seat: 'seat-1', roomTitle: 'Tuesday' });
  return reduce(s, { type: 'admitted', roomId: 'r-1', roomTitle: 'Tuesday', you: ana, participants: [ngozi, ana],
    resumeToken: 'tok', locked: false, recording: { state: 'off' }, resumed: false });
}

function apply(state, ...messages) {
  return messages.reduce(reduce, state);
}

test('lobbyReplyPutsThePersonInTheLobbyAndKeepsTheSeat', () => {
  const s = reduce(initialState(), { type: 'lobby', participantId: 'p-ana', seat: 'seat-1', roomTitle: 'Tuesday' });
  assert.equal(s.phase, Phase.LOBBY);
  assert.equal(s.seat, 'seat-1');
});

test('admittedListsOthersWithoutSelf', () => {
  const s = admittedAsAna();
  assert.equal(s.phase, Phase.ADMITTED);
  assert.deepEqual(others(s).map((p) => p.displayName), ['Ngozi']);
  assert.equal(s.resumeToken, 'tok');
  assert.equal(isFacilitator(s), false);
});

test('admittedWithoutSelfInTheListStillShowsSelf', () => {
  const s = reduce(initialState(), { type: 'admitted', roomId: 'r', you: ngozi, participants: [], recording: { state: 'off' } });
  assert.equal(s.participants.length, 1);
  assert.equal(isFacilitator(s), true);
});

test('joinsRenamesAndDeparturesUpdateTheTiles', () => {
  let s = apply(admittedAsAna(), { type: 'participant-joined', participant: sam });
  assert.deepEqual(others(s).map((p) => p.displayName), ['Ngozi', 'Sam']);
  s = reduce(s, { type: 'participant-updated', participant: { ...sam, displayName: 'Samir' } });
  assert.deepEqual(others(s).map((p) => p.displayName), ['Ngozi', 'Samir']);
  s = reduce(s, { type: 'participant-left', participantId: 'p-sam' });
  assert.deepEqual(others(s).map((p) => p.displayName), ['Ngozi']);
});

test('duplicateJoinDoesNotDuplicateATile', () => {
  const s = apply(admittedAsAna(), { type: 'participant-joined', participant: sam },
    { type: 'participant-joined', participant: sam });
  assert.equal(others(s).length, 2);
});

test('muteChangedForSelfMarksYouMuted', () => {
  const s = reduce(admittedAsAna(), { type: 'mute-changed', participantId: 'p-ana', muted: true });
  assert.equal(s.you.muted, true);
  assert.equal(s.participants.find((p) => p.participantId === 'p-ana').muted, true);
});

test('lockAndLobbyUpdatesAreKept', () => {
  const s = apply(admittedAsAna(), { type: 'lock-changed', locked: true },
    { type: 'lobby-update', entries: [{ participantId: 'p-x', firstName: 'Lea' }] });
  assert.equal(s.locked, true);
  assert.equal(s.lobby.length, 1);
});

test('presenceMarksAndClearsAway', () => {
  let s = reduce(admittedAsAna(), { type: 'presence', participantId: 'p-ng', away: true });
  assert.deepEqual(s.away, ['p-ng']);
  s = reduce(s, { type: 'presence', participantId: 'p-ng', away: false });
  assert.deepEqual(s.away, []);
});

test('consentRequestThenAnswerClosesTheQuestion', () => {
  let s = apply(admittedAsAna(), { type: 'recording', state: 'requested', recordingId: 'rec-1' },
    { type: 'consent-request', recordingId: 'rec-1', text: 'May we record?' });
  assert.equal(s.consentRequest.recordingId, 'rec-1');
  s = reduce(s, { type: 'local/consent-answered', consent: true });
  assert.equal(s.consentRequest, null);
  assert.equal(s.myConsent, 'given');
  s = reduce(s, { type: 'recording', state: 'recording', recordingId: 'rec-1' });
  assert.equal(s.myConsent, 'given');
  s = reduce(s, { type: 'local/consent-withdrawn' });
  assert.equal(s.myConsent, 'withdrawn');
});

test('declinedRequestTellsWithoutNamingAnyone', () => {
  const s = apply(admittedAsAna(), { type: 'recording', state: 'requested', recordingId: 'rec-1' },
    { type: 'consent-request', recordingId: 'rec-1', text: 'x' },
    { type: 'recording', state: 'off', reason: 'not-everyone-agreed' });
  assert.equal(s.consentRequest, null);
  assert.match(s.notice, /Not everyone agreed/);
  assert.doesNotMatch(s.notice, /Sam|Ngozi/);
});

test('newRecordingIdForgetsTheOldAnswer', () => {
  let s = apply(admittedAsAna(), { type: 'recording', state: 'requested', recordingId: 'rec-1' },
    { type: 'local/consent-answered', consent: true });
  s = reduce(s, { type: 'recording', state: 'requested', recordingId: 'rec-2' });
  assert.equal(s.myConsent, null);
});

for (const [type, kind] of [['denied', 'denied'], ['removed', 'removed'], ['session-ended', 'session-ended']]) {
  test(`${type}EndsTheSessionAndForgetsTheResumeToken`, () => {
    const s = reduce(admittedAsAna(), { type, message: 'Bye.' });
    assert.equal(s.phase, Phase.ENDED);
    assert.equal(s.ended.kind, kind);
    assert.equal(s.ended.message, 'Bye.');
    assert.equal(s.resumeToken, null);
  });
}

test('signedOutFacilitatorIsToldAndTheRoomEnds', () => {
  const s = reduce(admittedAsAna(), { type: 'error', code: 'not-signed-in', message: 'Sign in again.' });
  assert.equal(s.phase, Phase.ENDED);
  assert.equal(s.ended.kind, 'signed-out');
  assert.match(s.ended.message, /Sign in again/);
  assert.equal(s.lobby.length, 0);
  assert.equal(s.resumeToken, null);
});

test('otherUnsolicitedErrorsLeaveTheStateAlone', () => {
  const s = admittedAsAna();
  assert.equal(reduce(s, { type: 'error', code: 'rate-limited', message: 'Slow down.' }), s);
});

test('unknownMessagesLeaveTheStateAlone', () => {
  const s = admittedAsAna();
  assert.equal(reduce(s, { type: 'consent-logged' }), s);
});

test('resumedAdmissionKeepsAnOpenConsentQuestion', () => {
  let s = apply(admittedAsAna(), { type: 'recording', state: 'requested', recordingId: 'rec-1' },
    { type: 'consent-request', recordingId: 'rec-1', text: 'x' });
  s = reduce(s, { type: 'admitted', roomId: 'r-1', you: ana, participants: [ngozi, ana], resumeToken: 'tok2',
    recording: { state: 'requested', recordingId: 'rec-1' }, resumed: true });
  assert.equal(s.consentRequest.recordingId, 'rec-1');
  assert.equal(s.resumeToken, 'tok2');
});

test('aKnockMarkedRemovedEarlierCarriesAVisibleBadgeWithAnExplanation', () => {
  const s = reduce(initialState(), { type: 'lobby-update', entries: [
    { participantId: 'p-dave', firstName: 'David', waitingSince: '2026-01-05T18:00:00Z', removedEarlier: true },
    { participantId: 'p-lea', firstName: 'Lea', waitingSince: '2026-01-05T18:00:01Z', removedEarlier: false },
  ] });
  assert.equal(s.lobby[0].removedEarlier, true);
  const [badge, ...more] = lobbyBadges(s.lobby[0]);
  assert.equal(more.length, 0);
  assert.equal(badge.text, 'Removed earlier');
  assert.match(badge.description, /removed from this session earlier/);
  assert.deepEqual(lobbyBadges(s.lobby[1]), []);
});

test('onlyAnExplicitTrueMarksAKnock', () => {
  const s = reduce(initialState(), { type: 'lobby-update', entries: [
    { participantId: 'p-a', firstName: 'Ana' },
    { participantId: 'p-b', firstName: 'Ben', removedEarlier: 'true' },
  ] });
  assert.deepEqual(s.lobby.map((e) => e.removedEarlier), [false, false]);
  assert.deepEqual(s.lobby.flatMap(lobbyBadges), []);
});

test('everySessionStartShowsTheAgreementAsAReminderButAReconnectionDoesNot', () => {
  const agreement = { version: 1, text: 'Be kind.' };
  let s = reduce(initialState(), { type: 'admitted', roomId: 'r', you: ana, participants: [], recording: { state: 'off' },
    agreement, agreementPending: false, resumed: false });
  assert.equal(s.agreementReminder, true);
  assert.deepEqual(s.agreement, agreement);
  s = reduce(s, { type: 'local/reminder-dismissed' });
  s = reduce(s, { type: 'admitted', roomId: 'r', you: ana, participants: [], recording: { state: 'off' },
    agreement, agreementPending: false, resumed: true });
  assert.equal(s.agreementReminder, false);
});

test('aChangedAgreementMustBeAcceptedByMembersOnlyAndOnlyInTheCurrentVersion', () => {
  const changed = { type: 'agreement-changed', agreement: { version: 2, text: 'New words.' } };
  let member = reduce(admittedAsAna(), changed);
  assert.equal(member.agreementPending, true);
  assert.equal(member.agreement.text, 'New words.');
  assert.equal(reduce(member, { type: 'local/agreement-accepted', version: 1 }).agreementPending, true);
  assert.equal(reduce(member, { type: 'local/agreement-accepted', version: 2 }).agreementPending, false);
  const facilitator = reduce(reduce(initialState(), { type: 'admitted', roomId: 'r', you: ngozi, participants: [ana],
    recording: { state: 'off' } }), changed);
  assert.equal(facilitator.agreementPending, false);
});

test('theFacilitatorSeesWhoStillHasToAcceptUntilTheyDoOrLeave', () => {
  let s = reduce(initialState(), { type: 'admitted', roomId: 'r', you: ngozi, participants: [ana, sam], recording: { state: 'off' } });
  s = apply(s, { type: 'agreement-pending', participantId: 'p-ana', pending: true },
    { type: 'agreement-pending', participantId: 'p-sam', pending: true });
  assert.deepEqual(s.pendingAgreement, ['p-ana', 'p-sam']);
  s = apply(s, { type: 'agreement-pending', participantId: 'p-ana', pending: false },
    { type: 'participant-left', participantId: 'p-sam' });
  assert.deepEqual(s.pendingAgreement, []);
});

test('aHoldFromABreachReportIsKnownToTheMemberAndTheFacilitatorUntilReleasedOrGone', () => {
  let s = apply(admittedAsAna(), { type: 'hold-changed', participantId: 'p-ana', held: true });
  assert.deepEqual(s.held, ['p-ana']);
  s = reduce(s, { type: 'hold-changed', participantId: 'p-ana', held: false });
  assert.deepEqual(s.held, []);
  s = apply(s, { type: 'hold-changed', participantId: 'p-sam', held: true }, { type: 'participant-left', participantId: 'p-sam' });
  assert.deepEqual(s.held, []);
});

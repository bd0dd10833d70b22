/**
 * Room state as the page sees it, rebuilt from protocol messages by a pure reducer so the rules of what
 * a person sees (lobby, admitted, recording, ended) are testable without a browser.
 */

export const Phase = Object.freeze({
  IDLE: 'idle',
  LOBBY: 'lobby',
  ADMITTED: 'admitted',
  ENDED: 'ended',
});

export function initialState() {
  return {
    phase: Phase.IDLE,
    ended: null,
    roomId: null,
    roomTitle: '',
    you: null,
    participants: [],
    lobby: [],
    away: [],
    locked: false,
    recording: { state: 'off' },
    consentRequest: null,
    myConsent: null,
    resumeToken: null,
    seat: null,
    notice: null,
    agreement: null,
    agreementPending: false,
    agreementReminder: false,
    pendingAgreement: [],
    held: [],
  };
}

/** True when this person leads the room (facilitator controls are shown). */
export function isFacilitator(state) {
  return state.you !== null && state.you.role === 'facilitator';
}

/** Everyone admitted except this person, in the order they came in. */
export function others(state) {
  const self = state.you ? state.you.participantId : null;
  return state.participants.filter((p) => p.participantId !== self);
}

export function participantById(state, participantId) {
  return state.participants.find((p) => p.participantId === participantId) || null;
}

/**
 * @param {object} state the current state (never modified)
 * @param {object} message a server message, or a local action whose type starts with "local/"
 * @returns {object} the next state
 */
export function reduce(state, message) {
  switch (message.type) {
    case 'lobby':
      return {
        ...state,
        phase: Phase.LOBBY,
        roomTitle: message.roomTitle ?? state.roomTitle,
        seat: message.seat ?? state.seat,
        recording: message.recording ?? state.recording,
      };
    case 'admitted': {
      const you = message.you;
      const participants = mergeSelf(message.participants || [], you);
      return {
        ...state,
        phase: Phase.ADMITTED,
        ended: null,
        roomId: message.roomId,
        roomTitle: message.roomTitle ?? state.roomTitle,
        you,
        participants,
        away: [],
        locked: Boolean(message.locked),
        recording: message.recording || { state: 'off' },
        resumeToken: message.resumeToken ?? state.resumeToken,
        consentRequest: message.resumed ? state.consentRequest : keepConsentRequest(state, message.recording),
        myConsent: sameRecording(state.recording, message.recording) ? state.myConsent : null,
        agreement: message.agreement ?? state.agreement,
        agreementPending: Boolean(message.agreementPending),
        // The group's agreement is shown again at the start of every session, not after a reconnection.
        agreementReminder: message.resumed ? state.agreementReminder : Boolean(message.agreement),
        pendingAgreement: message.resumed ? state.pendingAgreement : [],
      };
    }
    case 'agreement-changed':
      return {
        ...state,
        agreement: message.agreement,
        // Members must accept the new words; a facilitator wrote them.
        agreementPending: state.you?.role === 'member',
        agreementReminder: false,
      };
    case 'hold-changed':
      return {
        ...state,
        held: message.held
          ? [...state.held.filter((id) => id !== message.participantId), message.participantId]
          : state.held.filter((id) => id !== message.participantId),
      };
    case 'agreement-pending':
      return {
        ...state,
        pendingAgreement: message.pending
          ? [...state.pendingAgreement.filter((id) => id !== message.participantId), message.participantId]
          : state.pendingAgreement.filter((id) => id !== message.participantId),
      };
    case 'local/agreement-accepted':
      return state.agreement && state.agreement.version === message.version
        ? { ...state, agreementPending: false } : state;
    case 'local/reminder-dismissed':
      return { ...state, agreementReminder: false };
    case 'participant-joined':
      return {
        ...state,
        participants: [...state.participants.filter((p) => p.participantId !== message.participant.participantId),
          message.participant],
      };
    case 'participant-updated':
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.participantId === message.participant.participantId ? message.participant : p),
        you: state.you && state.you.participantId === message.participant.participantId
          ? message.participant : state.you,
      };
    case 'participant-left':
      return {
        ...state,
        participants: state.participants.filter((p) => p.participantId !== message.participantId),
        away: state.away.filter((id) => id !== message.participantId),
        pendingAgreement: state.pendingAgreement.filter((id) => id !== message.participantId),
        held: state.held.filter((id) => id !== message.participantId),
      };
    case 'mute-changed':
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.participantId === message.participantId ? { ...p, muted: message.muted } : p),
        you: state.you && state.you.participantId === message.participantId
          ? { ...state.you, muted: message.muted } : state.you,
      };
    case 'lock-changed':
      return { ...state, locked: Boolean(message.locked) };
    case 'lobby-update':
      return { ...state, lobby: (message.entries || []).map(lobbyEntry) };
    case 'presence':
      return {
        ...state,
        away: message.away
          ? [...state.away.filter((id) => id !== message.participantId), message.participantId]
          : state.away.filter((id) => id !== message.participantId),
      };
    case 'recording': {
      const recording = { state: message.state };
      if (message.recordingId) recording.recordingId = message.recordingId;
      if (message.reason) recording.reason = message.reason;
      const sameId = sameRecording(state.recording, recording);
      return {
        ...state,
        recording,
        myConsent: sameId ? state.myConsent : null,
        consentRequest: message.state === 'off' ? null : state.consentRequest,
        notice: message.state === 'off' && message.reason === 'not-everyone-agreed'
          ? 'Not everyone agreed, so this session is not being recorded.' : state.notice,
      };
    }
    case 'consent-request':
      return { ...state, consentRequest: { recordingId: message.recordingId, text: message.text } };
    case 'denied':
      return ended(state, 'denied', message.message || 'The facilitator did not let you in to this session.');
    case 'removed':
      return ended(state, 'removed', message.message || 'The facilitator removed you from this session.');
    case 'session-ended':
      return ended(state, 'session-ended', message.message || 'The session has ended.');
    case 'error':
      // Unsolicited errors (replies go to their request): the server cut a facilitator whose sign-in ended.
      return message.code === 'not-signed-in'
        ? ended(state, 'signed-out', 'You were signed out, so this room stopped showing you anything. '
          + 'Sign in again and reopen the room within 30 seconds to keep your place.')
        : state;
    case 'local/consent-answered':
      return { ...state, consentRequest: null, myConsent: message.consent ? 'given' : 'declined' };
    case 'local/consent-withdrawn':
      return { ...state, myConsent: 'withdrawn' };
    case 'local/left':
      return ended(state, 'left', 'You left the session.');
    case 'local/lost':
      return ended(state, 'lost', 'The connection to Hearth was lost. Open your invite link again to come back.');
    case 'local/notice':
      return { ...state, notice: message.text };
    default:
      return state;
  }
}

/** A waiting person as the facilitator's list shows them; the mark counts only when the server said true. */
function lobbyEntry(entry) {
  return { ...entry, removedEarlier: entry.removedEarlier === true };
}

const REMOVED_EARLIER = Object.freeze({
  text: 'Removed earlier',
  description: 'Someone removed from this session earlier knocked from the same network or device. '
    + 'It may be this person, or someone sharing their connection.',
});

/** The badges beside a waiting person's name in the facilitator's waiting room: text and its explanation. */
export function lobbyBadges(entry) {
  return entry.removedEarlier === true ? [REMOVED_EARLIER] : [];
}

function ended(state, kind, text) {
  return {
    ...state,
    phase: Phase.ENDED,
    ended: { kind, message: text },
    lobby: [],
    consentRequest: null,
    resumeToken: null,
  };
}

function mergeSelf(participants, you) {
  if (!you) return participants;
  return participants.some((p) => p.participantId === you.participantId) ? participants : [you, ...participants];
}

function sameRecording(a, b) {
  return Boolean(a && b && a.recordingId && a.recordingId === b.recordingId);
}

function keepConsentRequest(state, recording) {
  return state.consentRequest && recording && state.consentRequest.recordingId === recording.recordingId
    ? state.consentRequest : null;
}

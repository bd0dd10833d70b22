/**
 * /join/<token>: what the room is, the privacy promises, the agreement, a first name; then the private
 * waiting room; then the session on this same page.
 */
import { h, replace } from './dom.js';
import { ProtocolClient, socketUrl } from './protocol.js';
import { Session } from './session.js';
import { Phase } from './room-state.js';
import { nameProblem, NAME_RULE_TEXT } from './name-hint.js';
import { resumeStore } from './resume-store.js';

const root = document.getElementById('app');
const invite = decodeURIComponent(location.pathname.replace(/^\/join\//, '').replace(/\/$/, ''));
let client = null;
let session = null;

function status(text) {
  replace(root, h('main', { className: 'page' }, h('p', { role: 'status' }, text)));
}

function fatal(text) {
  replace(root, h('main', { className: 'page' },
    h('h1', {}, 'Hearth'),
    h('p', { role: 'alert' }, text),
    h('p', {}, 'If you think this is a mistake, ask your facilitator for a new invite link.')));
}

async function seatKey() {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(invite));
  return 'hearth.seat.' + [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function loadInvite() {
  const response = await fetch(`/api/invites/${encodeURIComponent(invite)}`, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : 'This invite link does not work.');
  }
  return body;
}

async function connect() {
  if (client && client.isOpen()) return client;
  client = new ProtocolClient({ url: socketUrl(location) });
  session = new Session({ client, root, onChange: stateChanged });
  await client.connect();
  return client;
}

function stateChanged(state) {
  if (state.phase === Phase.LOBBY) showLobby(state);
  if (state.phase === Phase.ENDED) showEnded(state);
}

function showLobby(state) {
  if (document.getElementById('lobby')) {
    renderLobbyConsent(state);
    return;
  }
  const wait = h('section', { id: 'lobby', className: 'card stack', 'aria-labelledby': 'lobby-heading' },
    h('h1', { id: 'lobby-heading' }, state.roomTitle || 'Waiting room'),
    h('p', { role: 'status' }, 'Waiting for the facilitator to let you in. Nobody else in the waiting room can see you.'),
    h('p', {}, 'You can keep this page open. When you are let in, your camera and microphone start and you see the group.'),
    h('div', { id: 'lobby-consent' }),
    h('button', {
      type: 'button', className: 'secondary',
      onclick: async () => {
        try {
          await client.request('cancel');
        } finally {
          client.close();
          location.reload();
        }
      },
    }, 'Leave the waiting room'));
  replace(root, h('main', { className: 'page' }, wait));
  renderLobbyConsent(state);
}

/** A recording in progress is announced, and asked about, before admission. */
function renderLobbyConsent(state) {
  const area = document.getElementById('lobby-consent');
  if (!area) return;
  if (!state.consentRequest) {
    replace(area, state.myConsent
      ? h('p', {}, state.myConsent === 'given' ? 'You agreed to the recording.' : 'You did not agree to the recording.')
      : null);
    return;
  }
  replace(area, h('div', { role: 'group', 'aria-labelledby': 'lobby-consent-heading', className: 'card' },
    h('h2', { id: 'lobby-consent-heading' }, 'This session is being recorded'),
    h('p', {}, state.consentRequest.text),
    h('button', { type: 'button', onclick: () => session.answerInLobby(true) }, 'I consent'),
    ' ',
    h('button', { type: 'button', className: 'secondary', onclick: () => session.answerInLobby(false) }, 'I do not consent')));
}

function showEnded(state) {
  const again = state.ended.kind === 'left' || state.ended.kind === 'lost';
  replace(root, h('main', { className: 'page' },
    h('h1', {}, state.roomTitle || 'Hearth'),
    h('p', { role: 'alert' }, state.ended.message),
    again ? h('p', {}, h('a', { href: location.pathname }, 'Join again')) : null));
}

function privacyCopy() {
  return h('section', { className: 'privacy', 'aria-labelledby': 'privacy-heading' },
    h('h2', { id: 'privacy-heading' }, 'Your privacy'),
    h('ul', {},
      h('li', {}, h('strong', {}, 'First name only. '),
        'The group sees the first name you type here and nothing else: not your surname, e-mail, phone number or where you are.'),
      h('li', {}, h('strong', {}, 'Never recorded without everyone\'s consent. '),
        'If the facilitator asks to record, each person is asked privately. Recording happens only while everyone present says yes, ',
        'and anyone can withdraw at any time, which pauses it at once. You will always see "Recording" on screen while it runs.'),
      h('li', {}, h('strong', {}, 'The agreement matters. '),
        'Nobody can technically stop someone from filming or photographing their own screen. That is why everyone here promises to keep what others share confidential.')));
}

function showForm(info, locked) {
  const nameHintId = 'first-name-hint';
  const alert = h('div', { role: 'alert', id: 'join-alert' },
    locked ? h('p', {}, 'This room is locked right now. Please wait for your facilitator to unlock it, then press Join.') : null);
  const name = h('input', {
    id: 'first-name', name: 'firstName', type: 'text', autocomplete: 'given-name', maxlength: '64',
    'aria-describedby': nameHintId, required: true, spellcheck: 'false',
  });
  const hint = h('p', { id: nameHintId, className: 'hint' }, NAME_RULE_TEXT);
  const live = h('p', { className: 'hint live', 'aria-live': 'polite' });
  name.addEventListener('input', () => {
    const problem = name.value ? nameProblem(name.value) : null;
    live.textContent = problem || '';
  });
  const agree = h('input', { id: 'agree', type: 'checkbox', required: true });
  const button = h('button', { type: 'submit' }, 'Join');
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'join-heading', novalidate: true },
    h('h2', { id: 'join-heading' }, 'Join the group'),
    h('div', { className: 'field' }, h('label', { for: 'first-name' }, 'First name'), name, hint, live),
    h('section', { className: 'agreement', 'aria-labelledby': 'agreement-heading' },
      h('h3', { id: 'agreement-heading' }, 'The group\'s agreement'),
      h('p', { id: 'agreement-text', className: 'agreement-text' }, info.agreement.text)),
    h('div', { className: 'check' }, agree,
      h('label', { for: 'agree' }, 'I will keep what others share here confidential')),
    alert,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    name.removeAttribute('aria-invalid');
    if (!agree.checked) {
      replace(alert, h('p', {}, 'Please read the group\'s agreement and tick the box to accept it.'));
      agree.focus();
      return;
    }
    button.disabled = true;
    try {
      await connect();
      const key = await seatKey();
      const fields = { invite, firstName: name.value, agreementVersion: info.agreement.version };
      const seat = localStorage.getItem(key);
      if (seat) fields.seat = seat;
      const lobby = await client.request('join', fields);
      if (lobby.seat) localStorage.setItem(key, lobby.seat);
    } catch (error) {
      replace(alert, h('p', {}, error.message));
      if (error.code === 'invalid-name') {
        name.setAttribute('aria-invalid', 'true');
        name.focus();
      }
      if (error.code === 'removed' || error.code === 'session-ended') {
        button.disabled = true;
        return;
      }
    }
    button.disabled = false;
  });
  replace(root, h('main', { className: 'page' },
    h('p', { className: 'brand' }, 'Hearth'),
    h('h1', {}, info.roomTitle),
    info.recording ? h('p', { className: 'notice' },
      'A recording has been requested or is running in this session. You will be asked for your consent before you come in.') : null,
    privacyCopy(),
    form));
}

async function start() {
  if (!invite) {
    fatal('This invite link is incomplete.');
    return;
  }
  status('Loading…');
  const token = resumeStore.load(null);
  if (token) {
    try {
      await connect();
      client.setResumeToken(token);
      await client.request('resume', { resumeToken: token });
      return;
    } catch {
      resumeStore.clear();
      client?.close();
      client = null;
    }
  }
  let info;
  try {
    info = await loadInvite();
  } catch (error) {
    fatal(error.message);
    return;
  }
  document.title = `${info.roomTitle} — Hearth`;
  showForm(info, info.locked);
}

start();

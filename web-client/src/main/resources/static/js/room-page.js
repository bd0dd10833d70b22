/** /room/<id>: the facilitator's session page (sign in, say the first name the group sees, enter). */
import { h, replace } from './dom.js';
import { api } from './api.js';
import { signIn } from './sign-in.js';
import { ProtocolClient, socketUrl } from './protocol.js';
import { Session } from './session.js';
import { Phase } from './room-state.js';
import { NAME_RULE_TEXT } from './name-hint.js';
import { resumeStore } from './resume-store.js';

const root = document.getElementById('app');
const roomId = decodeURIComponent(location.pathname.replace(/^\/room\//, '').replace(/\/$/, ''));
const NAME_KEY = 'hearth.facilitator-name';

function page(...children) {
  replace(root, h('main', { className: 'page' }, ...children));
}

function newSession() {
  const client = new ProtocolClient({ url: socketUrl(location) });
  const session = new Session({
    client, root,
    onChange: (state) => {
      if (state.phase === Phase.ENDED) {
        page(h('h1', {}, state.roomTitle || 'Session'),
          h('p', { role: 'alert' }, state.ended.kind === 'session-ended' ? 'You ended the session for everyone.' : state.ended.message),
          h('p', {}, h('a', { href: '/facilitator' }, 'Back to your rooms')));
      }
    },
  });
  return { client, session };
}

async function tryResume() {
  const token = resumeStore.load(roomId);
  if (!token) return false;
  const { client } = newSession();
  try {
    await client.connect();
    client.setResumeToken(token);
    await client.request('resume', { resumeToken: token });
    return true;
  } catch {
    resumeStore.clear();
    client.close();
    return false;
  }
}

function showEnterForm() {
  const alert = h('div', { role: 'alert' });
  const name = h('input', { id: 'first-name', type: 'text', autocomplete: 'given-name', 'aria-describedby': 'name-hint',
    value: localStorage.getItem(NAME_KEY) || '', required: true });
  const button = h('button', { type: 'submit' }, 'Enter room');
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'enter-heading', novalidate: true },
    h('h1', { id: 'enter-heading' }, 'Start the session'),
    h('div', { className: 'field' }, h('label', { for: 'first-name' }, 'First name'), name,
      h('p', { id: 'name-hint', className: 'hint' }, 'The name the group sees on your tile. ' + NAME_RULE_TEXT)),
    alert, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    button.disabled = true;
    const { client } = newSession();
    try {
      await client.connect();
      await client.request('enter', { roomId, firstName: name.value });
      localStorage.setItem(NAME_KEY, name.value.trim());
    } catch (error) {
      client.close();
      replace(alert, h('p', {}, error.message));
      if (error.code === 'invalid-name') name.focus();
      button.disabled = false;
    }
  });
  page(form, h('p', {}, h('a', { href: '/facilitator' }, 'Back to your rooms')));
  name.focus();
}

async function start() {
  page(h('p', { role: 'status' }, 'Loading…'));
  let session;
  try {
    session = await api.session();
  } catch (error) {
    page(h('p', { role: 'alert' }, error.message));
    return;
  }
  if (!session || session.role !== 'FACILITATOR') {
    const container = h('div');
    page(h('h1', {}, 'Facilitator sign-in'), container);
    await signIn(container, 'FACILITATOR');
  }
  if (await tryResume()) return;
  showEnterForm();
}

start();

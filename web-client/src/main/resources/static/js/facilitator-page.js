/** /facilitator: sign in, see your rooms, create a room and share its invite link. */
import { h, replace } from './dom.js';
import { api } from './api.js';
import { signIn, signOutButton } from './sign-in.js';
import { careSection } from './facilitator-care.js';
import { roomNews, roomTools } from './facilitator-invites.js';
import { accountSection } from './account-security.js';

const root = document.getElementById('app');

function inviteField(id, label, url) {
  return h('div', { className: 'field' },
    h('label', { for: id }, label),
    h('div', { className: 'copy-row' },
      h('input', { id, type: 'text', readOnly: true, value: url, onfocus: (e) => e.target.select() }),
      h('button', {
        type: 'button', className: 'secondary', 'aria-label': `Copy ${label.toLowerCase()}`,
        onclick: async (e) => {
          const button = e.currentTarget;
          try {
            await navigator.clipboard.writeText(url);
            button.textContent = 'Copied';
          } catch {
            document.getElementById(id).select();
            button.textContent = 'Press Ctrl+C to copy';
          }
        },
      }, 'Copy')));
}

function roomCard(room, refresh) {
  return h('li', { className: 'card room' },
    h('h3', {}, room.title),
    h('p', { className: 'hint' }, room.archived ? 'Archived.'
      : `${room.participants} in the room, ${room.waiting} waiting${room.locked ? ', locked' : ''}.`),
    room.archived ? null : inviteField(`invite-${room.roomId}`, `Invite link for ${room.title}`, room.inviteUrl),
    room.archived ? null : h('a', { className: 'button', href: new URL(room.roomUrl).pathname }, `Enter ${room.title}`),
    roomTools(room, refresh),
    careSection(room));
}

async function renderRooms(list) {
  try {
    const rooms = await api.get('/api/rooms');
    replace(list, rooms.length === 0
      ? h('p', {}, 'You have no rooms yet.')
      : h('ul', { className: 'rooms' }, rooms.map((room) => roomCard(room, () => renderRooms(list)))));
  } catch (error) {
    replace(list, h('p', { role: 'alert' }, error.message));
  }
}

function showRooms(session) {
  const created = h('div', { id: 'created', 'aria-live': 'polite' });
  const list = h('div', { id: 'room-list' });
  const alert = h('div', { role: 'alert' });
  const title = h('input', { id: 'room-title', type: 'text', maxlength: '80', placeholder: 'Group session' });
  const agreement = h('textarea', { id: 'room-agreement', rows: '3', maxlength: '4000', 'aria-describedby': 'agreement-hint' });
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'create-heading' },
    h('h2', { id: 'create-heading' }, 'New room'),
    h('div', { className: 'field' }, h('label', { for: 'room-title' }, 'Room title'), title),
    h('div', { className: 'field' }, h('label', { for: 'room-agreement' }, 'Group agreement (optional)'), agreement,
      h('p', { id: 'agreement-hint', className: 'hint' }, 'Members read this and accept it before they knock. Leave it empty to use the standard confidentiality agreement.')),
    alert,
    h('button', { type: 'submit' }, 'Create room'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    const body = {};
    if (title.value.trim()) body.title = title.value.trim();
    if (agreement.value.trim()) body.agreement = agreement.value.trim();
    try {
      const room = await api.post('/api/rooms', body);
      replace(created, h('section', { className: 'card stack', 'aria-labelledby': 'created-heading' },
        h('h2', { id: 'created-heading' }, `Room created: ${room.title}`),
        h('p', {}, 'Send the invite link to your group members. You let each of them in from the waiting room.'),
        inviteField('invite-link', 'Invite link', room.inviteUrl),
        h('a', { className: 'button', href: new URL(room.roomUrl).pathname }, 'Enter room')));
      form.reset();
      document.getElementById('invite-link').focus();
      renderRooms(list);
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  replace(root, h('main', { className: 'page' },
    h('header', { className: 'page-bar' }, h('h1', {}, 'Your rooms'),
      h('p', {}, `Signed in as ${session.username}. `, signOutButton(session))),
    form, created,
    h('h2', {}, 'All your rooms'), roomNews(), list,
    accountSection(session)));
  renderRooms(list);
}

async function start() {
  let session = null;
  try {
    session = await api.session();
  } catch (error) {
    replace(root, h('main', { className: 'page' }, h('p', { role: 'alert' }, error.message)));
    return;
  }
  if (!session || session.role !== 'FACILITATOR') {
    const container = h('div');
    replace(root, h('main', { className: 'page' }, h('h1', {}, 'Facilitator sign-in'),
      session ? h('p', {}, 'You are signed in as an admin. Facilitators sign in with their own account.') : null,
      container));
    session = await signIn(container, 'FACILITATOR');
  }
  showRooms(session);
}

start();

/**
 * A facilitator's tools for one room on /facilitator, kept apart from the page's own module: the room's invites
 * (list with their links, "Create invite" with a chosen lifetime, "Revoke invite N", "Rotate link"), and the room
 * itself ("Rename room", "Archive room" / "Bring back room", "Delete room").
 * Invites are numbered from the oldest still listed, so a number keeps meaning the same invite.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';

const LIFETIMES = [[1, '1 day'], [7, '7 days'], [30, '30 days'], [90, '90 days'], [365, '1 year']];

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function roomPath(room, tail = '') {
  return `/api/rooms/${encodeURIComponent(room.roomId)}${tail}`;
}

async function renderInvites(room, container, refresh) {
  try {
    const { invites } = await api.get(roomPath(room, '/invites'));
    if (invites.length === 0) {
      replace(container, h('p', {}, 'No invites work for this room now.'));
      return;
    }
    const rows = invites.map((invite, index) => {
      const n = invites.length - index;
      const id = `invite-${room.roomId}-${n}`;
      const revoke = invite.status === 'active'
        ? h('button', { type: 'button', className: 'secondary', onclick: async () => {
          try {
            await api.post(roomPath(room, `/invites/${encodeURIComponent(invite.inviteId)}/revoke`));
            // The list shows the new state before the page says so (a screen reader reads both together).
            await refresh();
            say(`Invite ${n} was revoked. Anyone opening it now reads that it was withdrawn.`);
          } catch (error) {
            say(error.message, true);
          }
        } }, `Revoke invite ${n}`)
        : null;
      return h('tr', {},
        h('th', { scope: 'row' }, `Invite ${n}`),
        h('td', {}, when(invite.expiresAt)),
        h('td', {}, invite.status === 'active' ? 'Works' : 'Revoked'),
        h('td', {}, h('label', { for: id, className: 'visually-hidden' }, `Invite ${n} link`),
          h('input', { id, type: 'text', readOnly: true, value: invite.url, onfocus: (e) => e.target.select() })),
        h('td', {}, revoke));
    });
    replace(container, h('table', {},
      h('caption', {}, `Invites for ${room.title}`),
      h('thead', {}, h('tr', {}, ['Invite', 'Works until', 'Status', 'Link', 'Action'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
  }
}

function invitesPart(room, refresh) {
  const list = h('div');
  const days = h('select', { id: `invite-days-${room.roomId}` },
    LIFETIMES.map(([value, words]) => h('option', { value: String(value), selected: value === 30 }, words)));
  const create = h('form', { className: 'stack', novalidate: true },
    h('div', { className: 'field' }, h('label', { for: `invite-days-${room.roomId}` }, 'New invite works for'), days),
    h('button', { type: 'submit' }, 'Create invite'));
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post(roomPath(room, '/invites'), { days: Number(days.value) });
      say('A new invite was created; copy its link from the list.');
      renderInvites(room, list, refresh);
    } catch (error) {
      say(error.message, true);
    }
  });
  const rotate = h('button', { type: 'button', className: 'secondary', 'aria-describedby': `rotate-hint-${room.roomId}`,
    onclick: async () => {
      try {
        await api.post(roomPath(room, '/invites/rotate'));
        // The list shows the new state before the page says so (a screen reader reads both together).
        await refresh();
        say('The link was rotated: every earlier invite stopped working. Share the new invite link.');
      } catch (error) {
        say(error.message, true);
      }
    } }, 'Rotate link');
  renderInvites(room, list, refresh);
  return h('div', { className: 'stack' }, list, create, rotate,
    h('p', { id: `rotate-hint-${room.roomId}`, className: 'hint' },
      'Rotate link: every invite of this room stops working at once, and you get one new link to share.'));
}

function roomPart(room, refresh) {
  const title = h('input', { id: `rename-${room.roomId}`, type: 'text', maxlength: '80', value: room.title });
  const rename = h('form', { className: 'stack', novalidate: true },
    h('div', { className: 'field' }, h('label', { for: `rename-${room.roomId}` }, 'New room title'), title),
    h('button', { type: 'submit', className: 'secondary' }, 'Rename room'));
  rename.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post(roomPath(room, '/title'), { title: title.value });
      // The list shows the new state before the page says so (a screen reader reads both together).
      await refresh();
      say('The room was renamed.');
    } catch (error) {
      say(error.message, true);
    }
  });
  const archive = h('button', { type: 'button', className: 'secondary', onclick: async () => {
    try {
      await api.post(roomPath(room, '/archive'), { archived: !room.archived });
      const wasArchived = room.archived;
      // The list shows the new state before the page says so (a screen reader reads both together).
      await refresh();
      say(wasArchived ? 'The room is back. Create an invite to let people in.' : 'The room is archived; its invites stopped working.');
    } catch (error) {
      say(error.message, true);
    }
  } }, room.archived ? 'Bring back room' : 'Archive room');
  const confirmArea = h('div');
  const remove = h('button', { type: 'button', className: 'danger', onclick: () => {
    replace(confirmArea,
      h('p', {}, `Delete ${room.title}? Its invites stop working and its recordings are destroyed for good, except recordings an admin put on legal hold. This cannot be undone.`),
      h('button', { type: 'button', className: 'danger', onclick: async () => {
        try {
          const result = await api.del(roomPath(room));
          // The list shows the new state before the page says so (a screen reader reads both together).
          await refresh();
          say(`${room.title} was deleted: ${result.recordingsShredded} recording(s) destroyed`
            + (result.recordingsKeptOnHold ? `, ${result.recordingsKeptOnHold} kept on legal hold.` : '.'));
        } catch (error) {
          say(error.message, true);
        }
      } }, `Yes, delete ${room.title}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => replace(confirmArea) }, 'Keep the room'));
  } }, 'Delete room');
  return h('div', { className: 'stack' }, rename, archive, remove, confirmArea);
}

// What the last action did, outside the room cards, which are redrawn after every change.
const message = h('p', { role: 'status', id: 'room-news' });
const alert = h('p', { role: 'alert', id: 'room-news-error' });

function say(text, isError = false) {
  message.textContent = isError ? '' : text;
  alert.textContent = isError ? text : '';
}

/** Where the page shows what the last room action did; placed once, above the room list. */
export function roomNews() {
  return h('div', {}, message, alert);
}

/** The tools of one room card; {@code refresh} redraws the page's room list after a change. */
export function roomTools(room, refresh) {
  const headingId = `tools-${room.roomId}`;
  return h('section', { className: 'stack', 'aria-labelledby': headingId },
    h('h4', { id: headingId }, `Manage ${room.title}`),
    room.archived ? h('p', {}, 'This room is archived: nobody can enter or knock, and it has no invites.') : invitesPart(room, refresh),
    roomPart(room, refresh));
}

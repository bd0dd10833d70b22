/**
 * The facilitator page's care tools for one room (issue 13): the living agreement with its signed record of who
 * accepted which version, and the room's co-facilitators. Each room card gets one section; everything in it is
 * loaded on demand, so the room list stays quick. People appear only by first name or by pseudonymous id.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';

const base = (room) => `/api/rooms/${encodeURIComponent(room.roomId)}`;

/** The section added to a room card on the facilitator page. */
export function careSection(room) {
  const body = h('div', { className: 'care-body' });
  const section = h('section', { className: 'care stack', 'aria-label': `Care tools for ${room.title}` },
    h('div', { className: 'care-actions' },
      h('button', { type: 'button', className: 'secondary', onclick: () => showAgreement(room, body) }, `Agreement for ${room.title}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => showFacilitators(room, body) }, `Co-facilitators for ${room.title}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => showAttendance(room, body) }, `Attendance for ${room.title}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => showIncidents(room, body) }, `Incidents for ${room.title}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => showRoster(room, body) }, `Roster for ${room.title}`)),
    body);
  section.body = body;
  return section;
}

function failure(container, error) {
  replace(container, h('p', { role: 'alert' }, error.message));
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

async function showAgreement(room, container) {
  replace(container, h('p', { role: 'status' }, 'Loading the agreement…'));
  let record;
  try {
    record = await api.get(`${base(room)}/agreement`);
  } catch (error) {
    failure(container, error);
    return;
  }
  const alert = h('div', { role: 'alert' });
  const id = `agreement-edit-${room.roomId}`;
  const box = h('textarea', { id, rows: '5', maxlength: '4000', 'aria-describedby': `${id}-hint` });
  box.value = record.agreement.text;
  const form = h('form', { className: 'stack' },
    h('label', { for: id }, `New agreement for ${room.title}`), box,
    h('p', { id: `${id}-hint`, className: 'hint' },
      'Saving makes a new version. Anyone in a session now is asked to accept it at once; everyone who joins later accepts it before knocking.'),
    alert,
    h('button', { type: 'submit' }, `Save new agreement for ${room.title}`));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    try {
      await api.put(`${base(room)}/agreement`, { text: box.value });
      await showAgreement(room, container);
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  const entries = record.ledger.entries.filter(Boolean);
  const acknowledgements = entries.filter((e) => e.type === 'agreement-acknowledged');
  const ledgerTable = acknowledgements.length === 0
    ? h('p', {}, 'Nobody has accepted this room\'s agreement yet.')
    : h('table', { 'aria-label': `Agreement acknowledgements for ${room.title}` },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Participant id'),
        h('th', { scope: 'col' }, 'Accepted'))),
      h('tbody', {}, acknowledgements.map((e) => h('tr', {},
        h('td', {}, e.details.agreementVersion), h('td', {}, e.participant), h('td', {}, when(e.at))))));
  replace(container,
    h('h4', {}, `Agreement in force: version ${record.agreement.version}`),
    h('p', { className: 'agreement-text' }, record.agreement.text),
    form,
    h('h4', {}, 'Earlier versions'),
    record.history.length <= 1 ? h('p', {}, 'None: this is the first version.')
      : h('ol', { className: 'history' }, record.history.slice(0, -1).map((v) =>
        h('li', {}, h('strong', {}, `Version ${v.version}`), ` (from ${when(v.at)}): `, v.text))),
    h('h4', {}, 'Who accepted which version'),
    h('p', { className: 'hint' }, record.ledger.verification.ok
      ? 'This record is signed and chained by the server; it is intact.'
      : 'Warning: this record does not verify. Tell your administrator.'),
    ledgerTable);
}

async function showFacilitators(room, container) {
  replace(container, h('p', { role: 'status' }, 'Loading the facilitators…'));
  let list;
  try {
    list = await api.get(`${base(room)}/facilitators`);
  } catch (error) {
    failure(container, error);
    return;
  }
  const alert = h('div', { role: 'alert' });
  const rows = h('ul', { className: 'people' }, list.map((f) => h('li', {},
    h('span', { className: 'person-name' }, f.username, f.owner ? ' (owner)' : ''),
    room.owner && !f.owner ? h('button', { type: 'button', className: 'secondary', 'aria-label': `Remove co-facilitator ${f.username}`,
      onclick: async () => {
        try {
          await api.del(`${base(room)}/facilitators/${encodeURIComponent(f.username)}`);
          await showFacilitators(room, container);
        } catch (error) {
          replace(alert, h('p', {}, error.message));
        }
      } }, 'Remove') : null)));
  let form = null;
  if (room.owner) {
    const id = `cofacilitator-${room.roomId}`;
    const input = h('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': `${id}-hint` });
    form = h('form', { className: 'stack' },
      h('label', { for: id }, `Username of a co-facilitator for ${room.title}`), input,
      h('p', { id: `${id}-hint`, className: 'hint' }, 'Another facilitator account. They can enter this room and admit, lock, mute, remove and end, like you.'),
      alert,
      h('button', { type: 'submit' }, 'Add co-facilitator'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      replace(alert);
      try {
        await api.post(`${base(room)}/facilitators`, { username: input.value.trim() });
        await showFacilitators(room, container);
      } catch (error) {
        replace(alert, h('p', {}, error.message));
      }
    });
  }
  replace(container, h('h4', {}, `Facilitators of ${room.title}`), rows,
    room.owner ? form : h('p', { className: 'hint' }, 'Only the room\'s owner chooses its co-facilitators.'), room.owner ? null : alert);
}

async function showAttendance(room, container) {
  replace(container, h('p', { role: 'status' }, 'Loading the attendance…'));
  let sessions;
  try {
    sessions = await api.get(`${base(room)}/attendance`);
  } catch (error) {
    failure(container, error);
    return;
  }
  if (sessions.length === 0) {
    replace(container, h('h4', {}, `Attendance for ${room.title}`), h('p', {}, 'No session has been held in this room yet.'));
    return;
  }
  replace(container, h('h4', {}, `Attendance for ${room.title}`),
    sessions.slice().reverse().map((session) => h('table', { 'aria-label': `Session of ${when(session.startedAt)}` },
      h('caption', {}, `Session of ${when(session.startedAt)}${session.endedAt ? `, ended ${when(session.endedAt)}` : ', still running'}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'First name'), h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'Joined'), h('th', { scope: 'col' }, 'Left'))),
      h('tbody', {}, session.people.map((p) => h('tr', {},
        h('td', {}, p.firstName), h('td', {}, p.role), h('td', {}, when(p.joinedAt)),
        h('td', {}, p.leftAt ? when(p.leftAt) : '—')))))));
}

const NEXT = { open: ['mitigated', 'closed'], mitigated: ['closed'], closed: [] };
const VERB = { mitigated: 'Mark mitigated', closed: 'Close' };

/** The room's breach incidents, and a report made after the session (nobody is in the room to act on). */
async function showIncidents(room, container) {
  replace(container, h('p', { role: 'status' }, 'Loading the incidents…'));
  let list;
  try {
    list = await api.get(`${base(room)}/incidents`);
  } catch (error) {
    failure(container, error);
    return;
  }
  const alert = h('div', { role: 'alert' });
  const id = `breach-after-${room.roomId}`;
  const box = h('textarea', { id, rows: '4', maxlength: '4000' });
  const rotate = h('input', { id: `${id}-rotate`, type: 'checkbox' });
  const form = h('form', { className: 'stack' },
    h('label', { for: id }, `What happened in ${room.title}`), box,
    h('div', { className: 'check' }, rotate, h('label', { for: `${id}-rotate` }, 'Withdraw the invite link')),
    alert,
    h('button', { type: 'submit', className: 'danger' }, `Report a breach in ${room.title}`));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    try {
      await api.post(`${base(room)}/incidents`, { text: box.value, lock: true, rotateLink: rotate.checked });
      await showIncidents(room, container);
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  const rows = list.map((incident) => {
    const label = `incident of ${when(incident.reportedAt)}`;
    return h('li', { className: 'card stack' },
      h('p', {}, h('strong', {}, `${when(incident.reportedAt)}, ${incident.status}`), ` — reported by ${incident.reportedBy}`),
      h('p', {}, incident.report),
      h('p', { className: 'hint' }, `Done at once: ${incident.actions.join(', ') || 'nothing'}.`),
      h('div', {}, NEXT[incident.status].map((next) => h('button', { type: 'button', className: 'secondary',
        'aria-label': `${VERB[next]} ${label}`,
        onclick: async () => {
          try {
            await api.put(`${base(room)}/incidents/${encodeURIComponent(incident.incidentId)}/status`, { status: next });
            await showIncidents(room, container);
          } catch (error) {
            replace(alert, h('p', {}, error.message));
          }
        } }, VERB[next]))));
  });
  replace(container, h('h4', {}, `Incidents for ${room.title}`),
    list.length === 0 ? h('p', {}, 'No breach has been reported in this room.') : h('ul', { className: 'incidents' }, rows),
    h('h4', {}, 'Report a breach after the session'), form);
}

/** The group's roster by first name; a member who left the group can be marked so, which ends their seat for good. */
async function showRoster(room, container) {
  replace(container, h('p', { role: 'status' }, 'Loading the roster…'));
  let roster;
  try {
    roster = await api.get(`${base(room)}/roster`);
  } catch (error) {
    failure(container, error);
    return;
  }
  const alert = h('div', { role: 'alert' });
  const rows = roster.map((member) => h('li', {},
    h('span', { className: 'person-name' }, member.firstName, member.leftGroup ? ' (left the group)' : ''),
    member.leftGroup ? null : h('button', { type: 'button', className: 'danger',
      'aria-label': `Mark ${member.firstName} as having left the group`,
      onclick: async () => {
        // Final: their device can never come back into this room.
        if (!window.confirm(`${member.firstName}'s device will never get into ${room.title} again. Continue?`)) return;
        try {
          await api.post(`${base(room)}/roster/${encodeURIComponent(member.memberId)}/departure`, {});
          await showRoster(room, container);
        } catch (error) {
          replace(alert, h('p', {}, error.message));
        }
      } }, 'Left the group')));
  replace(container, h('h4', {}, `Roster for ${room.title}`),
    h('p', { className: 'hint' }, 'Everyone you have let in, by the first name they gave, once per device.'),
    roster.length === 0 ? h('p', {}, 'Nobody has joined this group yet.') : h('ul', { className: 'people' }, rows),
    alert);
}

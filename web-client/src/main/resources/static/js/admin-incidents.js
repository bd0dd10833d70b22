/**
 * Admin: every reported breach incident, newest first, with the facilitator's report, what was done at once, the
 * linked audit entries, its status and history; admins move it forward (mitigated, closed) and export it as a
 * signed JSON document.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';

export function incidentsSection(changed = () => {}) {
  const container = h('div', {}, h('p', { role: 'status' }, 'Loading…'));
  const section = h('section', { 'aria-labelledby': 'incidents-heading' },
    h('h2', { id: 'incidents-heading' }, 'Incidents'), container);
  section.refresh = () => load(container, changed);
  section.refresh();
  return section;
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

const NEXT = { open: ['mitigated', 'closed'], mitigated: ['closed'], closed: [] };
const VERB = { mitigated: 'Mark mitigated', closed: 'Close' };

async function load(container, changed) {
  let list;
  try {
    list = await api.get('/api/admin/incidents');
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
    return;
  }
  if (list.length === 0) {
    replace(container, h('p', {}, 'No breach has been reported.'));
    return;
  }
  const status = h('p', { 'aria-live': 'polite' });
  const rows = list.map((incident) => {
    const label = `incident of ${when(incident.reportedAt)}`;
    return h('tr', {},
      h('td', {}, when(incident.reportedAt)),
      h('td', {}, incident.roomId),
      h('td', {}, incident.reportedBy),
      h('td', { className: 'report' }, incident.report),
      h('td', {}, incident.actions.length ? incident.actions.join(', ') : 'none'),
      h('td', {}, incident.auditEntries.join(', ') || 'none'),
      h('td', {}, incident.status),
      h('td', {},
        NEXT[incident.status].map((next) => h('button', {
          type: 'button', className: 'secondary', 'aria-label': `${VERB[next]} ${label}`,
          onclick: async () => {
            try {
              await api.put(`/api/admin/incidents/${encodeURIComponent(incident.incidentId)}/status`, { status: next });
              replace(status, `The ${label} is now ${next}.`);
              changed();
              load(container, changed);
            } catch (error) {
              replace(status, error.message);
            }
          },
        }, VERB[next])),
        h('a', { href: `/api/admin/incidents/${encodeURIComponent(incident.incidentId)}/export`,
          download: `${incident.incidentId}.json`, 'aria-label': `Export ${label} (signed)` }, 'Export')));
  });
  replace(container, status,
    h('table', { 'aria-label': 'Reported incidents' },
      h('thead', {}, h('tr', {}, ['Reported', 'Room', 'By', 'What happened', 'Actions taken', 'Audit entries', 'Status', '']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, rows)));
}

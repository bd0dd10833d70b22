/** Admin: the recordings, with export, consent ledger and legal hold. */
import { h, replace } from './dom.js';
import { api } from './api.js';

export function recordingsSection(changed) {
  const container = h('div', {}, h('p', { role: 'status' }, 'Loading…'));
  const section = h('section', { 'aria-labelledby': 'recordings-heading' },
    h('h2', { id: 'recordings-heading' }, 'Recordings'), container);
  section.refresh = () => load(container, changed);
  section.refresh();
  return section;
}

async function load(container, changed) {
  let list;
  try {
    list = await api.get('/api/recordings');
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
    return;
  }
  if (list.length === 0) {
    replace(container, h('p', {}, 'There are no recordings.'));
    return;
  }
  const status = h('p', { 'aria-live': 'polite' });
  const rows = list.map((r) => {
    const name = `${r.roomTitle || r.roomId} ${formatTime(r.startedAt)}`;
    return h('tr', {},
      h('td', {}, r.roomTitle || r.roomId),
      h('td', {}, formatTime(r.startedAt)),
      h('td', {}, formatDuration(r.recordedSeconds)),
      h('td', {}, r.participants.join(', ')),
      h('td', {}, stateText(r.state)),
      h('td', {}, r.hold ? 'On legal hold' : r.expiresAt ? formatTime(r.expiresAt) : 'Not yet'),
      h('td', { className: 'actions' },
        r.state === 'UNAVAILABLE' ? null
          : h('a', { href: `/api/recordings/${encodeURIComponent(r.recordingId)}/export`, download: `${r.recordingId}.webm`,
            'aria-label': `Export ${name} as WebM` }, 'Export'),
        ' ',
        h('a', { href: `/api/recordings/${encodeURIComponent(r.recordingId)}/consent`, target: '_blank', rel: 'noopener',
          'aria-label': `Consent ledger of ${name}` }, 'Consent ledger'),
        ' ',
        h('button', {
          type: 'button', className: 'secondary', 'aria-pressed': String(r.hold),
          'aria-label': `${r.hold ? 'Release legal hold on' : 'Place legal hold on'} ${name}`,
          onclick: async () => {
            try {
              await api.put(`/api/recordings/${encodeURIComponent(r.recordingId)}/hold`, { hold: !r.hold });
              changed();
              load(container, changed);
            } catch (error) {
              status.textContent = error.message;
            }
          },
        }, r.hold ? 'Release hold' : 'Legal hold')));
  });
  replace(container, h('table', {},
    h('caption', {}, 'Recordings, newest first'),
    h('thead', {}, h('tr', {}, ['Room', 'Started', 'Recorded', 'Consented', 'State', 'Deleted after', 'Actions']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)), status);
}

function stateText(state) {
  return {
    RECORDING: 'Recording now', PAUSED: 'Paused', COMPLETE: 'Complete', INTERRUPTED: 'Interrupted (kept what was written)',
    UNAVAILABLE: 'No data (purged or never written)',
  }[state] || state;
}

function formatDuration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** Admin: how long recordings, consent ledgers and the audit log are kept; purge now. */
import { h, replace } from './dom.js';
import { api } from './api.js';

const FIELDS = [
  ['recordingDays', 'retention-recordings', 'Recording retention (days)'],
  ['consentLedgerDays', 'retention-ledger', 'Consent ledger retention (days)'],
  ['auditLogDays', 'retention-audit', 'Audit log retention (days)'],
];

/** @param {() => void} changed called after a save or purge, so other sections can refresh */
export function retentionSection(changed) {
  const body = h('div', {}, h('p', { role: 'status' }, 'Loading…'));
  load(body, changed);
  return h('section', { 'aria-labelledby': 'retention-heading' }, h('h2', { id: 'retention-heading' }, 'Retention'), body);
}

async function load(container, changed) {
  let policy;
  try {
    policy = await api.get('/api/admin/retention');
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
    return;
  }
  const alert = h('div', { role: 'alert' });
  const done = h('p', { 'aria-live': 'polite' });
  const inputs = {};
  const fields = FIELDS.map(([key, id, label]) => {
    const isRecording = key === 'recordingDays';
    inputs[key] = h('input', {
      id, type: 'number', inputmode: 'numeric', step: '1', required: true,
      min: String(isRecording ? 0 : policy.floorDays),
      max: String(isRecording ? policy.maxRecordingDays : 36500),
      value: String(policy[key]), 'aria-describedby': `${id}-hint`,
    });
    const hint = isRecording
      ? `From 0 to ${policy.maxRecordingDays}. Recordings older than this are shredded, unless on legal hold.`
      : `At least ${policy.floorDays} (the operator's minimum).`;
    return h('div', { className: 'field' }, h('label', { for: id }, label), inputs[key],
      h('p', { id: `${id}-hint`, className: 'hint' }, hint));
  });
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'retention-heading', novalidate: true },
    ...fields, alert, done, h('button', { type: 'submit' }, 'Save retention'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    done.textContent = '';
    const request = {};
    for (const [key, , label] of FIELDS) {
      const value = Number(inputs[key].value);
      if (!Number.isInteger(value)) {
        replace(alert, h('p', {}, `${label}: please enter a whole number of days.`));
        inputs[key].focus();
        return;
      }
      request[key] = value;
    }
    try {
      const saved = await api.put('/api/admin/retention', request);
      for (const [key] of FIELDS) inputs[key].value = String(saved[key]);
      done.textContent = 'Retention saved.';
      changed();
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  const purgeResult = h('p', { 'aria-live': 'polite' });
  const purge = h('button', {
    type: 'button', className: 'secondary',
    onclick: async () => {
      purgeResult.textContent = 'Purging…';
      try {
        const report = await api.post('/api/admin/retention/purge', {});
        purgeResult.textContent = `Purge done: ${report.recordingsShredded.length} recordings shredded, `
          + `${report.ledgersDeleted.length} consent ledgers deleted, ${report.recordingsOnHold} kept on legal hold`
          + (report.recordingsFailed.length ? `, ${report.recordingsFailed.length} could not be shredded (see the server log)` : '')
          + '.';
        changed();
      } catch (error) {
        purgeResult.textContent = error.message;
      }
    },
  }, 'Purge now');
  replace(container, form,
    h('p', { className: 'hint' }, 'Hearth purges once an hour. Purge now applies the current settings at once.'),
    purge, purgeResult);
}

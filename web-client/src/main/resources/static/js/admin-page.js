/** /admin: facilitator accounts, retention, recordings, the audit log and the admin's own account. */
import { h, replace } from './dom.js';
import { api } from './api.js';
import { signIn, signOutButton } from './sign-in.js';
import { retentionSection } from './admin-retention.js';
import { recordingsSection } from './admin-recordings.js';
import { incidentsSection } from './admin-incidents.js';
import { setupNeeded, setUp } from './admin-setup.js';
import { accountSection } from './account-security.js';

const root = document.getElementById('app');
const AUDIT_PAGE = 100;

function facilitatorsSection(onCreated) {
  const table = h('div', { id: 'facilitators' });
  const alert = h('div', { role: 'alert' });
  const done = h('p', { 'aria-live': 'polite' });
  const username = h('input', { id: 'new-username', type: 'text', autocomplete: 'off', autocapitalize: 'none', required: true });
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true,
    'aria-describedby': 'password-hint' });
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'create-facilitator-heading', novalidate: true },
    h('h3', { id: 'create-facilitator-heading' }, 'New facilitator'),
    h('div', { className: 'field' }, h('label', { for: 'new-username' }, 'Username'), username),
    h('div', { className: 'field' }, h('label', { for: 'new-password' }, 'Password'), password,
      h('p', { id: 'password-hint', className: 'hint' }, 'At least 12 characters. Give it to the facilitator in person or by phone, not by e-mail.')),
    alert, done,
    h('button', { type: 'submit' }, 'Create facilitator'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    done.textContent = '';
    try {
      const created = await api.post('/api/admin/facilitators', { username: username.value.trim(), password: password.value });
      form.reset();
      done.textContent = `Facilitator ${created.username} created.`;
      loadFacilitators(table, onCreated);
      onCreated();
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  loadFacilitators(table, onCreated);
  return h('section', { 'aria-labelledby': 'facilitators-heading' },
    h('h2', { id: 'facilitators-heading' }, 'Facilitators'), table, form);
}

function statusWords(f) {
  const words = [f.disabled ? 'Switched off' : 'Active'];
  if (f.passwordChangeRequired) words.push('must choose a new password');
  if (f.twoStep) words.push('two-step sign-in on');
  return words.join(', ');
}

/**
 * One facilitator's actions. Switching off and forcing a new password sign them out everywhere at once; delete
 * asks "Yes, delete NAME" first, because it cannot be undone.
 */
function facilitatorActions(f, container, onChanged) {
  const cell = h('td', {});
  const alert = h('p', { role: 'alert' });
  const act = async (doIt) => {
    alert.textContent = '';
    try {
      await doIt();
      await loadFacilitators(container, onChanged);
      onChanged();
    } catch (error) {
      alert.textContent = error.message;
    }
  };
  const base = `/api/admin/facilitators/${encodeURIComponent(f.id)}`;
  const toggle = f.disabled
    ? h('button', { type: 'button', className: 'secondary', onclick: () => act(() => api.post(`${base}/enable`)) }, `Switch on ${f.username}`)
    : h('button', { type: 'button', className: 'secondary', onclick: () => act(() => api.post(`${base}/disable`)) }, `Switch off ${f.username}`);
  const reset = h('button', { type: 'button', className: 'secondary',
    onclick: () => act(() => api.post(`${base}/password-reset`, {})) }, `Require new password for ${f.username}`);
  const twoStepOff = f.twoStep
    ? h('button', { type: 'button', className: 'secondary',
      onclick: () => act(() => api.post(`${base}/two-step-off`)) }, `Turn off two-step sign-in for ${f.username}`)
    : null;
  const remove = h('button', { type: 'button', className: 'danger', onclick: () => {
    replace(cell, h('p', {}, `Delete ${f.username}? They are signed out at once and cannot sign in again. This cannot be undone.`),
      h('button', { type: 'button', className: 'danger', onclick: () => act(() => api.del(base)) }, `Yes, delete ${f.username}`),
      h('button', { type: 'button', className: 'secondary', onclick: () => loadFacilitators(container, onChanged) }, 'Keep the account'),
      alert);
  } }, `Delete ${f.username}`);
  replace(cell, toggle, ' ', reset, ' ', twoStepOff, twoStepOff ? ' ' : null, remove, alert);
  return cell;
}

async function loadFacilitators(container, onChanged = () => {}) {
  try {
    const list = await api.get('/api/admin/facilitators');
    replace(container, list.length === 0 ? h('p', {}, 'No facilitators yet.') :
      h('table', {},
        h('caption', {}, 'Facilitator accounts'),
        h('thead', {}, h('tr', {}, ['Username', 'Created', 'Status', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, list.map((f) => h('tr', {}, h('td', {}, f.username), h('td', {}, formatTime(f.createdAt)),
          h('td', {}, statusWords(f)), facilitatorActions(f, container, onChanged))))));
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
  }
}

function auditSection(container) {
  loadAudit(container, null);
  return h('section', { 'aria-labelledby': 'audit-heading' }, h('h2', { id: 'audit-heading' }, 'Audit log'), container);
}

/** Newest entries first; "Show older entries" walks back a page at a time. */
async function loadAudit(container, before) {
  try {
    let page = await api.get(`/api/admin/audit?offset=0&limit=1`);
    const end = before === null ? page.total : before;
    const offset = Math.max(0, end - AUDIT_PAGE);
    page = await api.get(`/api/admin/audit?offset=${offset}&limit=${Math.max(1, end - offset)}`);
    const integrity = page.verified
      ? h('p', { className: 'ok' }, `The audit log is intact: all ${page.total} entries verify.`)
      : h('p', { role: 'alert' }, `The audit log failed verification at entry ${page.problem.seq}: ${page.problem.explanation}`);
    const rows = [...page.entries].reverse().map((e) => h('tr', {},
      h('td', {}, String(e.seq)), h('td', {}, formatTime(e.at)), h('td', {}, e.type), h('td', {}, e.actor),
      h('td', {}, e.subject || ''), h('td', {}, Object.entries(e.details || {}).map(([k, v]) => `${k}=${v}`).join(', '))));
    replace(container, integrity,
      page.total === 0 ? h('p', {}, 'No entries yet.') : h('table', {},
        h('caption', {}, `Entries ${offset + 1} to ${end} of ${page.total}, newest first`),
        h('thead', {}, h('tr', {}, ['#', 'When', 'What', 'Who', 'Subject', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)),
      offset > 0 ? h('button', { type: 'button', className: 'secondary', onclick: () => loadAudit(container, offset) }, 'Show older entries') : null,
      end < page.total ? h('button', { type: 'button', className: 'secondary', onclick: () => loadAudit(container, null) }, 'Show newest entries') : null);
  } catch (error) {
    replace(container, h('p', { role: 'alert' }, error.message));
  }
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

async function start() {
  let session = null;
  try {
    session = await api.session();
  } catch (error) {
    replace(root, h('main', { className: 'page' }, h('p', { role: 'alert' }, error.message)));
    return;
  }
  if (!session && await setupNeeded().catch(() => false)) {
    const setupContainer = h('div');
    replace(root, h('main', { className: 'page' }, h('h1', {}, 'Welcome to Hearth'), setupContainer));
    await setUp(setupContainer);
  }
  if (!session || session.role !== 'ADMIN') {
    const container = h('div');
    replace(root, h('main', { className: 'page' }, h('h1', {}, 'Admin sign-in'), container));
    session = await signIn(container, 'ADMIN');
  }
  const audit = h('div', { id: 'audit' });
  const refreshAudit = () => loadAudit(audit, null);
  const recordings = recordingsSection(refreshAudit);
  replace(root, h('main', { className: 'page wide' },
    h('header', { className: 'page-bar' }, h('h1', {}, 'Administration'),
      h('p', {}, `Signed in as ${session.username}. `, signOutButton(session))),
    facilitatorsSection(refreshAudit),
    retentionSection(() => { refreshAudit(); recordings.refresh(); }),
    recordings,
    incidentsSection(refreshAudit),
    auditSection(audit),
    accountSection(session)));
}

start();

/**
 * First start without HEARTH_ADMIN_PASSWORD: the one-time code shown on the server's console lets the person
 * who started Hearth choose the admin's password. Resolves once the admin exists.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';

/** Whether the server still waits for its first admin. */
export async function setupNeeded() {
  const answer = await api.get('/api/setup');
  return Boolean(answer && answer.needed);
}

export function setUp(container) {
  return new Promise((resolve) => {
    const error = h('p', { role: 'alert', id: 'setup-error' });
    const code = h('input', { id: 'setup-code', type: 'text', autocomplete: 'one-time-code', required: true,
      autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'setup-code-hint' });
    const password = h('input', { id: 'setup-password', type: 'password', autocomplete: 'new-password',
      required: true, 'aria-describedby': 'setup-password-hint' });
    const button = h('button', { type: 'submit' }, 'Set up');
    const form = h('form', { className: 'card stack', 'aria-labelledby': 'setup-heading', novalidate: true },
      h('h2', { id: 'setup-heading' }, 'Set up Hearth'),
      h('p', {}, 'Hearth has no admin yet. The server showed a one-time setup code on its console when it started.'),
      h('div', { className: 'field' }, h('label', { for: 'setup-code' }, 'Setup code'), code,
        h('p', { id: 'setup-code-hint', className: 'hint' }, 'It works once. Lost it? Ask the person who runs the server for a new one.')),
      h('div', { className: 'field' }, h('label', { for: 'setup-password' }, 'New admin password'), password,
        h('p', { id: 'setup-password-hint', className: 'hint' }, 'At least 12 characters. You will sign in as "admin" with it.')),
      error,
      button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!code.value.trim() || !password.value) {
        error.textContent = 'Please enter the setup code and a password.';
        return;
      }
      button.disabled = true;
      try {
        await api.post('/api/setup', { code: code.value.trim(), password: password.value });
        password.value = '';
        resolve();
      } catch (e) {
        error.textContent = e.message;
        password.value = '';
      } finally {
        button.disabled = false;
      }
    });
    replace(container, form);
    code.focus();
  });
}

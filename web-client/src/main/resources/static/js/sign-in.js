/** The staff sign-in form: "Username", "Password", "Sign in". Resolves once signed in with the wanted role. */
import { h, replace } from './dom.js';
import { api } from './api.js';

const ROLE_WORDS = { FACILITATOR: 'a facilitator', ADMIN: 'an admin' };

/**
 * @param {HTMLElement} container where the form goes
 * @param {'FACILITATOR'|'ADMIN'} role the role this page needs
 * @returns {Promise<object>} the session ({username, role, csrfToken})
 */
export function signIn(container, role) {
  return new Promise((resolve) => {
    const error = h('p', { role: 'alert', id: 'sign-in-error' });
    const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username',
      required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { id: 'password', name: 'password', type: 'password',
      autocomplete: 'current-password', required: true });
    const button = h('button', { type: 'submit' }, 'Sign in');
    const form = h('form', { className: 'card stack', 'aria-labelledby': 'sign-in-heading', novalidate: true },
      h('h2', { id: 'sign-in-heading' }, 'Sign in'),
      h('div', { className: 'field' }, h('label', { for: 'username' }, 'Username'), username),
      h('div', { className: 'field' }, h('label', { for: 'password' }, 'Password'), password),
      error,
      button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!username.value.trim() || !password.value) {
        error.textContent = 'Please enter your username and password.';
        return;
      }
      button.disabled = true;
      try {
        const session = await api.login(username.value.trim(), password.value);
        if (session.role !== role) {
          await api.logout();
          error.textContent = `This page is for ${ROLE_WORDS[role]}. You signed in as ${ROLE_WORDS[session.role] || 'someone else'}.`;
          return;
        }
        password.value = '';
        resolve(session);
      } catch (e) {
        error.textContent = e.message;
        password.value = '';
        password.focus();
      } finally {
        button.disabled = false;
      }
    });
    replace(container, form);
    username.focus();
  });
}

/** A "Sign out" button for a signed-in page. */
export function signOutButton(session) {
  return h('button', {
    type: 'button', className: 'secondary',
    onclick: async () => {
      try {
        await api.logout();
      } finally {
        location.reload();
      }
    },
  }, 'Sign out');
}

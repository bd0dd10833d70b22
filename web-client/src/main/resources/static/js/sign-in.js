/**
 * The staff sign-in form: "Username", "Password", "Sign in", then, when the server asks for it, one more step:
 * the "Sign-in code" from an authenticator app, setting the app up (when admins must use one), or a
 * "New password" an admin asked for. Resolves once signed in with the wanted role.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';
import { twoStepSecret } from './account-security.js';

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

    /** The answer of a step: signed in, or the next step's form. */
    async function proceed(answer) {
      if (answer.next) {
        replace(container, nextStep(answer, proceed, restart));
        return;
      }
      if (answer.role !== role) {
        await api.logout();
        restart(`This page is for ${ROLE_WORDS[role]}. You signed in as ${ROLE_WORDS[answer.role] || 'someone else'}.`);
        return;
      }
      resolve(answer);
    }

    function restart(message) {
      replace(container, form);
      error.textContent = message || '';
      password.value = '';
      (username.value ? password : username).focus();
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!username.value.trim() || !password.value) {
        error.textContent = 'Please enter your username and password.';
        return;
      }
      button.disabled = true;
      try {
        const answer = await api.login(username.value.trim(), password.value);
        password.value = '';
        await proceed(answer);
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

/** A form for one further step; a refusal that ends the sign-in (too many wrong codes, too slow) starts over. */
function nextStep(step, proceed, restart) {
  const error = h('p', { role: 'alert' });
  const fail = (e) => {
    if (e.code === 'sign-in-expired' || e.code === 'account-disabled') {
      restart(e.message);
    } else {
      error.textContent = e.message;
    }
  };
  if (step.next === 'new-password') {
    const input = h('input', { id: 'reset-password', type: 'password', autocomplete: 'new-password', required: true,
      'aria-describedby': 'reset-password-hint' });
    const form = h('form', { className: 'card stack', 'aria-labelledby': 'reset-heading', novalidate: true },
      h('h2', { id: 'reset-heading' }, 'Choose a new password'),
      h('p', {}, 'An admin asked you to choose a new password before you go on.'),
      h('div', { className: 'field' }, h('label', { for: 'reset-password' }, 'New password'), input,
        h('p', { id: 'reset-password-hint', className: 'hint' }, 'At least 12 characters; a few unrelated words work well.')),
      error, h('button', { type: 'submit' }, 'Set new password'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        await proceed(await api.loginStep('/api/login/new-password', { challenge: step.challenge, password: input.value }));
      } catch (e) {
        fail(e);
      }
    });
    queueMicrotask(() => input.focus());
    return form;
  }
  const code = h('input', { id: 'sign-in-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code',
    maxlength: '7', required: true, 'aria-describedby': 'sign-in-code-hint' });
  const enrolling = step.next === 'totp-enrolment';
  const secret = h('div');
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'code-heading', novalidate: true },
    h('h2', { id: 'code-heading' }, enrolling ? 'Set up two-step sign-in' : 'Two-step sign-in'),
    enrolling ? h('p', {}, 'Admins of this server must sign in with a code from an authenticator app as well as the password. Add this account to your app, then type the code it shows.') : null,
    secret,
    h('div', { className: 'field' }, h('label', { for: 'sign-in-code' }, 'Sign-in code'), code,
      h('p', { id: 'sign-in-code-hint', className: 'hint' }, 'The 6 digits your authenticator app shows for Hearth now.')),
    error, h('button', { type: 'submit' }, enrolling ? 'Turn on and sign in' : 'Continue'));
  if (enrolling) {
    api.loginStep('/api/login/two-step-setup', { challenge: step.challenge })
      .then((enrolment) => replace(secret, twoStepSecret(enrolment)))
      .catch(fail);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const path = enrolling ? '/api/login/two-step-confirm' : '/api/login/code';
    try {
      await proceed(await api.loginStep(path, { challenge: step.challenge, code: code.value.trim() }));
    } catch (e) {
      code.value = '';
      code.focus();
      fail(e);
    }
  });
  queueMicrotask(() => code.focus());
  return form;
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

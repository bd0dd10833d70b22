/**
 * "Your account" for every signed-in staff member: "Change password" (the current one is needed) and
 * "Two-step sign-in" with an authenticator app (TOTP). The secret is shown once, as an otpauth:// address and as
 * the key to type in; the server keeps it sealed and never shows it again.
 */
import { h, replace } from './dom.js';
import { api } from './api.js';

/** The secret of a set-up, for the person to add to their app. */
export function twoStepSecret(enrolment) {
  return h('div', { className: 'stack' },
    h('p', {}, 'In your authenticator app, add an account and type this key (or open the address below on the phone that has the app). It is shown only now.'),
    h('div', { className: 'field' }, h('label', { for: 'two-step-key' }, 'Setup key'),
      h('input', { id: 'two-step-key', type: 'text', readOnly: true, value: enrolment.secret, onfocus: (e) => e.target.select() })),
    h('div', { className: 'field' }, h('label', { for: 'two-step-uri' }, 'Setup address'),
      h('input', { id: 'two-step-uri', type: 'text', readOnly: true, value: enrolment.uri, onfocus: (e) => e.target.select() })));
}

function passwordForm() {
  const alert = h('div', { role: 'alert' });
  const done = h('p', { 'aria-live': 'polite' });
  const current = h('input', { id: 'own-current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'own-new-password', type: 'password', autocomplete: 'new-password', required: true,
    'aria-describedby': 'own-new-password-hint' });
  const form = h('form', { className: 'card stack', 'aria-labelledby': 'own-password-heading', novalidate: true },
    h('h3', { id: 'own-password-heading' }, 'Change password'),
    h('div', { className: 'field' }, h('label', { for: 'own-current-password' }, 'Current password'), current),
    h('div', { className: 'field' }, h('label', { for: 'own-new-password' }, 'New password'), next,
      h('p', { id: 'own-new-password-hint', className: 'hint' }, 'At least 12 characters. Your other browsers are signed out; this one stays signed in.')),
    alert, done, h('button', { type: 'submit' }, 'Change password'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(alert);
    done.textContent = '';
    try {
      await api.post('/api/account/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      done.textContent = 'Your password was changed.';
    } catch (error) {
      replace(alert, h('p', {}, error.message));
    }
  });
  return form;
}

function twoStepPart(session) {
  const part = h('div', { className: 'card stack', role: 'group', 'aria-labelledby': 'two-step-heading' });
  const render = (on, message) => {
    const alert = h('div', { role: 'alert' });
    const status = h('p', { 'aria-live': 'polite' }, message || (on
      ? 'Two-step sign-in is on: you sign in with your password and a code from your authenticator app.'
      : 'Two-step sign-in is off. With it on, a stolen password alone does not open your account.'));
    const password = h('input', { id: 'two-step-password', type: 'password', autocomplete: 'current-password' });
    const passwordField = h('div', { className: 'field' }, h('label', { for: 'two-step-password' }, 'Your password'), password);
    const heading = h('h3', { id: 'two-step-heading' }, 'Two-step sign-in');
    if (on) {
      if (session.twoStepRequired) {
        replace(part, heading, status, h('p', { className: 'hint' }, 'Admins of this server must keep it on.'));
        return;
      }
      const off = h('button', { type: 'button', className: 'secondary', onclick: async () => {
        replace(alert);
        try {
          await api.post('/api/account/two-step/off', { currentPassword: password.value });
          render(false, 'Two-step sign-in is off.');
        } catch (error) {
          replace(alert, h('p', {}, error.message));
        }
      } }, 'Turn off two-step sign-in');
      replace(part, heading, status, passwordField, alert, off);
      return;
    }
    const begin = h('button', { type: 'button', onclick: async () => {
      replace(alert);
      try {
        const enrolment = await api.post('/api/account/two-step', { currentPassword: password.value });
        const code = h('input', { id: 'two-step-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '7' });
        const confirmAlert = h('div', { role: 'alert' });
        const confirm = h('button', { type: 'button', onclick: async () => {
          replace(confirmAlert);
          try {
            await api.post('/api/account/two-step/confirm', { code: code.value.trim() });
            session.twoStep = true;
            render(true, 'Two-step sign-in is on. From your next sign-in you need a code from your app.');
          } catch (error) {
            replace(confirmAlert, h('p', {}, error.message));
          }
        } }, 'Turn on two-step sign-in');
        replace(part, heading, twoStepSecret(enrolment),
          h('div', { className: 'field' }, h('label', { for: 'two-step-code' }, 'Code from the app'), code),
          confirmAlert, confirm);
        code.focus();
      } catch (error) {
        replace(alert, h('p', {}, error.message));
      }
    } }, 'Set up two-step sign-in');
    replace(part, heading, status, passwordField, alert, begin);
  };
  render(Boolean(session.twoStep));
  return part;
}

/** The section for a signed-in page. */
export function accountSection(session) {
  return h('section', { 'aria-labelledby': 'own-account-heading' },
    h('h2', { id: 'own-account-heading' }, 'Your account'),
    passwordForm(), twoStepPart(session));
}

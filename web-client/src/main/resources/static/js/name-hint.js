/**
 * A live hint while someone types their first name. The server's first-name rule decides; this only says
 * early, in plain words, what a first name is here, so nobody has to guess after a rejection.
 */

export const NAME_RULE_TEXT =
  'Your first name only: one word of letters, up to 24 characters. A hyphen or apostrophe inside is fine ' +
  '(Anne-Marie, O\'Neil). No surname, e-mail, phone number or numbers.';

const ROLE_WORDS = new Set(['facilitator', 'admin', 'administrator', 'host', 'moderator', 'therapist',
  'counselor', 'counsellor', 'doctor', 'staff', 'system', 'everyone', 'guest', 'anonymous']);

/**
 * @param {string} raw what the person typed
 * @returns {string|null} why it is not a first name, or null when it looks like one
 */
export function nameProblem(raw) {
  const name = String(raw ?? '').normalize('NFKC').trim();
  if (name.length === 0) return 'Please type your first name.';
  // Joiners, fillers and variation selectors show nothing, so "Anna" could hide a second, different name.
  if (/[\p{Default_Ignorable_Code_Point}\p{Variation_Selector}]/u.test(name)) {
    return 'The name contains invisible characters. Please type it again.';
  }
  if (name.includes('@')) return 'That looks like an e-mail address. Please type only your first name.';
  if ((name.match(/\p{Nd}/gu) || []).length >= 5) {
    return 'That looks like a phone number. Please type only your first name.';
  }
  if (/\p{Nd}/u.test(name)) return 'A first name has no numbers.';
  if (/\s/u.test(name)) return 'Please type only your first name, without a surname or spaces.';
  if ([...name].length > 24) return 'A first name here is at most 24 characters.';
  if (!/^[\p{L}\p{M}'’-]+$/u.test(name)) return 'A first name has only letters (and at most one hyphen or apostrophe).';
  if ((name.match(/['’-]/g) || []).length > 1) return 'A first name has at most one hyphen or apostrophe.';
  if (/^['’-]|['’-]$/.test(name)) return 'A hyphen or apostrophe can only sit between letters.';
  if (ROLE_WORDS.has(name.toLowerCase())) return 'Please use your own first name, not a role.';
  return null;
}

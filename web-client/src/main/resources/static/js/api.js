/** The HTTP API (accounts, rooms, admin): JSON both ways, the session's CSRF token on every change. */

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let csrfToken = null;

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach Hearth. Check your connection and try again.');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && data.code ? data.code : 'http-' + response.status,
      data && data.message ? data.message : 'Something went wrong (' + response.status + '). Please try again.');
  }
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  del: (path) => call('DELETE', path),

  /** The signed-in account, or null. */
  async session() {
    try {
      const session = await call('GET', '/api/session');
      csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (error.status === 401 || error.status === 403) return null;
      throw error;
    }
  },

  /**
   * Signs in: the session ({username, role, csrfToken, ...}), or {next, challenge} when one more step is due
   * ('totp', 'totp-enrolment' or 'new-password'); send that with {@link api.loginStep}.
   */
  async login(username, password) {
    return this.loginStep('/api/login', { username, password });
  },

  /** One step of a sign-in under way (POST /api/login/...); answers like {@link api.login}. */
  async loginStep(path, body) {
    const answer = await call('POST', path, body);
    if (answer && answer.csrfToken) csrfToken = answer.csrfToken;
    return answer;
  },

  async logout() {
    try {
      await call('POST', '/api/logout', {});
    } finally {
      csrfToken = null;
    }
  },
};

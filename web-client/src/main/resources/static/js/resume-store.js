/**
 * Keeps the resume token for this tab only (sessionStorage), so a reload during a short outage goes
 * straight back into the room; it is worthless after the server's 30-second window anyway.
 */
import { RESUME_WINDOW_MS } from './protocol.js';

const KEY = 'hearth.resume';

function storage() {
  try {
    return globalThis.sessionStorage || null;
  } catch {
    return null;
  }
}

export const resumeStore = {
  save(roomId, token, now = Date.now()) {
    storage()?.setItem(KEY, JSON.stringify({ roomId, token, at: now }));
  },

  /** The token saved for this room, if still inside the resume window. */
  load(roomId, now = Date.now()) {
    try {
      const saved = JSON.parse(storage()?.getItem(KEY) || 'null');
      if (!saved || (roomId && saved.roomId !== roomId) || now - saved.at >= RESUME_WINDOW_MS) return null;
      return saved.token;
    } catch {
      return null;
    }
  },

  /** The page is going away (reload, tab closed): the window starts now, not at admission. */
  touch(now = Date.now()) {
    try {
      const saved = JSON.parse(storage()?.getItem(KEY) || 'null');
      if (saved) storage().setItem(KEY, JSON.stringify({ ...saved, at: now }));
    } catch {
      // nothing saved, nothing to refresh
    }
  },

  clear() {
    storage()?.removeItem(KEY);
  },
};

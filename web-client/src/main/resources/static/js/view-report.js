/**
 * Tells the relay how big each remote tile is on this screen, which one is pinned, and the receiving mode
 * (docs/protocol.md, `view`), so it forwards the simulcast layer that fits instead of the largest. Reports are
 * debounced (a window drag fires dozens of resizes) and sent only when something changed. A server that does not
 * know `view` answers `unknown-type`: reporting then stops for good, quietly: the call works as before.
 */
import { MODES, Mode } from './simulcast.js';

export const VIEW_DEBOUNCE_MS = 500;

/**
 * The `view` message's fields: whole device pixels, never negative, one entry per participant id (the last wins),
 * in id order so that equal views compare equal.
 * @param {Array<{participantId: string, width: number, height: number, pinned?: boolean}>} tiles
 * @param {string} mode
 */
export function buildView(tiles, mode) {
  const byId = new Map();
  for (const t of tiles || []) {
    if (!t || typeof t.participantId !== 'string' || t.participantId === '') continue;
    byId.set(t.participantId, {
      participantId: t.participantId,
      width: pixels(t.width),
      height: pixels(t.height),
      pinned: Boolean(t.pinned),
    });
  }
  const ids = [...byId.keys()].sort();
  return { tiles: ids.map((id) => byId.get(id)), mode: MODES.includes(mode) ? mode : Mode.NORMAL };
}

function pixels(value) {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Whether two views built by {@link buildView} say the same. */
export function sameView(a, b) {
  if (!a || !b || a.mode !== b.mode || a.tiles.length !== b.tiles.length) return false;
  return a.tiles.every((t, i) => {
    const u = b.tiles[i];
    return t.participantId === u.participantId && t.width === u.width && t.height === u.height && t.pinned === u.pinned;
  });
}

export class ViewReporter {
  /**
   * @param {object} options
   * @param {(fields: object) => Promise<unknown>} options.send sends `view` with these fields; rejects with the
   *   server's error (a ProtocolError with `code`)
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   * @param {number} [options.debounceMs]
   */
  constructor({ send, timers = globalThis, debounceMs = VIEW_DEBOUNCE_MS }) {
    this.sendView = send;
    this.timers = timers;
    this.debounceMs = debounceMs;
    this.pending = null;
    this.timer = null;
    this.lastSent = null;
    this.stopped = false;
  }

  /** The tiles and mode as they are now; sent once they have stayed so for the debounce time. */
  update(tiles, mode) {
    if (this.stopped) return;
    this.pending = buildView(tiles, mode);
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.flush(), this.debounceMs);
  }

  /** After a reconnection the server may have lost what we told it: the next update is sent even if unchanged. */
  forget() {
    this.lastSent = null;
  }

  flush() {
    this.timer = null;
    const view = this.pending;
    if (this.stopped || !view || sameView(view, this.lastSent)) return;
    this.lastSent = view;
    Promise.resolve()
      .then(() => this.sendView(view))
      .catch((error) => {
        if (error && error.code === 'unknown-type') {
          this.stop();
        } else if (this.lastSent === view) {
          // Not delivered (a dropped connection, rate limit): let the next update try again.
          this.lastSent = null;
        }
      });
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

/**
 * The client side of docs/protocol.md: one WebSocket, request ids matched to replies, a ping to stay
 * under the server's idle limit, and a resume with the resume token after a dropped connection so an
 * admitted person does not pass the lobby again.
 */

/** A refused request: `code` is the server's stable error code. */
export class ProtocolError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

export const PING_INTERVAL_MS = 20_000;
/** The server keeps an admitted person's place this long after their connection dropped. */
export const RESUME_WINDOW_MS = 30_000;
const RECONNECT_DELAYS_MS = [200, 500, 1000, 2000, 3000];

/** ws:// or wss:// URL of the signaling endpoint, on the page's own origin (the server checks it). */
export function socketUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

export class ProtocolClient {
  /**
   * @param {object} options
   * @param {string} options.url
   * @param {Function} [options.WebSocketImpl] constructor with the browser WebSocket's shape
   * @param {{setTimeout: Function, clearTimeout: Function, setInterval: Function, clearInterval: Function}} [options.timers]
   * @param {() => number} [options.now]
   */
  constructor({ url, WebSocketImpl = globalThis.WebSocket, timers = globalThis, now = () => Date.now() }) {
    this.url = url;
    this.WebSocketImpl = WebSocketImpl;
    this.timers = timers;
    this.now = now;
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.connectionListeners = new Set();
    this.resumeToken = null;
    this.droppedAt = null;
    this.attempt = 0;
    this.closedByUs = false;
    this.pingTimer = null;
    this.reconnectTimer = null;
  }

  /** Called with every server message that is not only an answer to a pending request's error. */
  onMessage(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with 'open', 'reconnecting', 'resumed' or 'lost'. */
  onConnection(listener) {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Opens the socket; resolves once it is open. */
  connect() {
    this.closedByUs = false;
    return new Promise((resolve, reject) => {
      const socket = this.open();
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('close', () => reject(new ProtocolError('connection-lost',
        'Could not reach Hearth. Check your connection and try again.')), { once: true });
    });
  }

  /** Remembers the token that lets this person back in after a dropped connection. */
  setResumeToken(token) {
    this.resumeToken = token || null;
  }

  /** Sends a request with a fresh id; resolves with the server's direct reply, rejects with a ProtocolError. */
  request(type, fields = {}) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (!this.isOpen()) {
        reject(new ProtocolError('connection-lost', 'The connection to Hearth is not open right now.'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...fields, type, id }));
    });
  }

  /** Fire and forget: for messages whose reply nobody waits for. */
  send(type, fields = {}) {
    if (this.isOpen()) {
      this.socket.send(JSON.stringify({ ...fields, type }));
    }
  }

  isOpen() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  /** Closes for good: no reconnect, no resume. */
  close() {
    this.closedByUs = true;
    this.resumeToken = null;
    this.stopTimers();
    if (this.socket && this.socket.readyState <= 1) {
      this.socket.close(1000, 'bye');
    }
    this.failPending();
  }

  open() {
    const socket = new this.WebSocketImpl(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => this.opened(socket));
    socket.addEventListener('message', (event) => this.received(socket, event.data));
    socket.addEventListener('close', () => this.dropped(socket));
    return socket;
  }

  opened(socket) {
    if (socket !== this.socket) return;
    this.stopPing();
    this.pingTimer = this.timers.setInterval(() => this.send('ping'), PING_INTERVAL_MS);
    if (this.droppedAt !== null && this.resumeToken) {
      this.resume();
    } else {
      this.emitConnection('open');
    }
  }

  async resume() {
    try {
      await this.request('resume', { resumeToken: this.resumeToken });
      this.droppedAt = null;
      this.attempt = 0;
      this.emitConnection('resumed');
    } catch (error) {
      if (error.code === 'connection-lost') return; // the close handler schedules the next attempt
      this.giveUp();
    }
  }

  received(socket, data) {
    if (socket !== this.socket) return;
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
    const waiting = message.id !== undefined ? this.pending.get(String(message.id)) : undefined;
    if (waiting) {
      this.pending.delete(String(message.id));
      if (message.type === 'error') {
        waiting.reject(new ProtocolError(message.code, message.message));
        return;
      }
    }
    for (const listener of [...this.listeners]) listener(message);
    if (waiting) waiting.resolve(message);
  }

  dropped(socket) {
    if (socket !== this.socket) return;
    this.stopPing();
    this.failPending();
    if (this.closedByUs) return;
    if (!this.resumeToken) {
      this.giveUp();
      return;
    }
    if (this.droppedAt === null) this.droppedAt = this.now();
    if (this.now() - this.droppedAt >= RESUME_WINDOW_MS) {
      this.giveUp();
      return;
    }
    this.emitConnection('reconnecting');
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt++;
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closedByUs) this.open();
    }, delay);
  }

  giveUp() {
    this.resumeToken = null;
    this.closedByUs = true;
    this.stopTimers();
    if (this.socket && this.socket.readyState <= 1) this.socket.close(1000, 'bye');
    this.emitConnection('lost');
  }

  failPending() {
    const lost = new ProtocolError('connection-lost', 'The connection to Hearth dropped.');
    for (const { reject } of this.pending.values()) reject(lost);
    this.pending.clear();
  }

  stopPing() {
    if (this.pingTimer !== null) {
      this.timers.clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
  }

  stopTimers() {
    this.stopPing();
    if (this.reconnectTimer !== null) {
      this.timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  emitConnection(state) {
    for (const listener of [...this.connectionListeners]) listener(state);
  }
}

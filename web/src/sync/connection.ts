/**
 * One board's WebSocket: opens it, says `hello`, and keeps it open. Venue wifi drops phones
 * all the time, so a closed socket is normal: it reconnects with exponential backoff and jitter
 * (so 150 phones coming back from the same outage don't all knock at once) and resumes from the
 * newest seq the client has absorbed.
 */

import { CLOSE_BOARD_DELETED, CLOSE_REVOKED } from '../protocol/generated';
import type { BoardId, ClientMsg, ErrorCode, SectionId, ServerMsg } from '../protocol/generated';

export type ConnectionStatus =
  /** The first attempt is under way. */
  | 'connecting'
  /** Welcomed: ops can be sent. */
  | 'live'
  /** The connection dropped and a new attempt is due or under way. */
  | 'reconnecting'
  /** The device says it has no network; attempts wait for it to come back. */
  | 'offline'
  /** The server refused the board or the token: retrying will not help. */
  | 'failed';

/** Errors after which retrying with the same board and token cannot succeed. */
const FATAL_ERRORS: readonly ErrorCode[] = ['bad_token', 'unknown_board', 'token_revoked', 'board_deleted'];

/**
 * What a close code that ends the board for good means (shared/src/close_code.rs): a revoked
 * key (after `error{token_revoked}`) or a deleted board (after `error{board_deleted}`). Either
 * the error or the close code alone is enough.
 */
const FATAL_CLOSES: ReadonlyMap<number, ErrorCode> = new Map([
  [CLOSE_REVOKED, 'token_revoked'],
  [CLOSE_BOARD_DELETED, 'board_deleted'],
]);

export { CLOSE_BOARD_DELETED, CLOSE_REVOKED };

/** First retry delay; it doubles per failed attempt up to [`MAX_RETRY_MS`]. */
export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 10_000;
/** An attempt that has not been welcomed by then is given up and retried. */
export const WELCOME_TIMEOUT_MS = 10_000;

/** The part of the browser's WebSocket this uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Whether the device has a network, and a way to hear when that changes. */
export interface NetworkWatch {
  online(): boolean;
  /** Calls `changed` on every change; returns an unsubscribe function. */
  watch(changed: () => void): () => void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionOptions {
  url: string;
  board: BoardId;
  token: string;
  /** The newest seq absorbed, asked at each attempt; `null` before the first snapshot. */
  lastSeq: () => number | null;
  /** The participant's group, asked at each attempt, so a reconnect puts them back in it. */
  group?: () => SectionId | null;
  /** Every message from the server, the `welcome` included, in order. */
  onMessage: (msg: ServerMsg) => void;
  onStatus: (status: ConnectionStatus, failure: ErrorCode | null) => void;
  openSocket?: (url: string) => SocketLike;
  network?: NetworkWatch;
  timers?: Timers;
  random?: () => number;
}

const OPEN = 1;

export function browserNetwork(): NetworkWatch {
  return {
    online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
    watch(changed) {
      window.addEventListener('online', changed);
      window.addEventListener('offline', changed);
      // A phone that wakes up may hold a socket that died while it slept.
      document.addEventListener('visibilitychange', changed);
      return () => {
        window.removeEventListener('online', changed);
        window.removeEventListener('offline', changed);
        document.removeEventListener('visibilitychange', changed);
      };
    },
  };
}

/** The `/ws` address on the host that served the page. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Delay before retry number `attempt` (0-based): doubling, capped, then jittered to 50–100 %. */
export function retryDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export class Connection {
  readonly #opts: Required<Omit<ConnectionOptions, 'openSocket' | 'network' | 'timers' | 'random' | 'group'>>;
  readonly #group: () => SectionId | null;
  readonly #openSocket: (url: string) => SocketLike;
  readonly #network: NetworkWatch;
  readonly #timers: Timers;
  readonly #random: () => number;

  #socket: SocketLike | null = null;
  #welcomed = false;
  #everWelcomed = false;
  #failedAttempts = 0;
  #retryTimer: unknown = null;
  #welcomeTimer: unknown = null;
  #stopped = true;
  #unwatch: (() => void) | null = null;
  #status: ConnectionStatus = 'connecting';
  #failure: ErrorCode | null = null;

  constructor(options: ConnectionOptions) {
    const { openSocket, network, timers, random, group, ...rest } = options;
    this.#opts = rest;
    this.#group = group ?? (() => null);
    this.#openSocket = openSocket ?? ((url) => new WebSocket(url));
    this.#network = network ?? browserNetwork();
    this.#timers = timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.#random = random ?? Math.random;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** True once the server has welcomed this socket: ops sent now will be handled. */
  get live(): boolean {
    return this.#welcomed;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unwatch = this.#network.watch(() => this.#networkChanged());
    this.#attempt();
  }

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    this.#unwatch?.();
    this.#unwatch = null;
    this.#clearTimers();
    this.#drop();
  }

  /** Sends if welcomed; otherwise returns false and the caller resends after the next welcome. */
  send(msg: ClientMsg): boolean {
    if (!this.#welcomed || !this.#socket || this.#socket.readyState !== OPEN) return false;
    this.#socket.send(JSON.stringify(msg));
    return true;
  }

  /**
   * The server refused the board or the token (in a `hello`'s answer, or over HTTP): stops for
   * good, with status `failed`.
   */
  refused(code: ErrorCode): void {
    this.#failure = code;
    this.stop();
    this.#setStatus('failed');
  }

  /** Drops the current socket and resumes at once (e.g. after noticing a gap in seqs). */
  reconnectNow(): void {
    if (this.#stopped) return;
    this.#drop();
    this.#clearTimers();
    this.#attempt();
  }

  #attempt(): void {
    this.#retryTimer = null;
    if (this.#stopped) return;
    if (!this.#network.online()) {
      this.#setStatus('offline');
      return; // #networkChanged tries again when the network comes back
    }
    this.#setStatus(this.#tryingStatus(this.#failedAttempts > 0));
    let socket: SocketLike;
    try {
      socket = this.#openSocket(this.#opts.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      const group = this.#group();
      const hello: ClientMsg = {
        type: 'hello',
        board: this.#opts.board,
        token: this.#opts.token,
        last_seq: this.#opts.lastSeq(),
        ...(group !== null ? { group } : {}),
      };
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (ev) => {
      if (socket !== this.#socket) return;
      this.#received(ev.data);
    };
    socket.onclose = (ev) => {
      if (socket !== this.#socket) return;
      const fatal = FATAL_CLOSES.get(ev.code);
      if (fatal) {
        this.refused(fatal);
        return;
      }
      this.#closed();
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
    this.#welcomeTimer = this.#timers.setTimeout(() => {
      this.#welcomeTimer = null;
      if (socket === this.#socket && !this.#welcomed) {
        this.#drop();
        this.#scheduleRetry();
      }
    }, WELCOME_TIMEOUT_MS);
  }

  #received(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: ServerMsg;
    try {
      msg = JSON.parse(data) as ServerMsg;
    } catch {
      return; // not ours to fix; the server only sends JSON
    }
    if (msg.type === 'welcome') {
      this.#welcomed = true;
      this.#everWelcomed = true;
      this.#failedAttempts = 0;
      if (this.#welcomeTimer !== null) this.#timers.clearTimeout(this.#welcomeTimer);
      this.#welcomeTimer = null;
      this.#opts.onMessage(msg);
      this.#setStatus('live');
      return;
    }
    if (msg.type === 'error') {
      if (FATAL_ERRORS.includes(msg.code)) {
        this.refused(msg.code);
        return;
      }
      if (msg.code === 'unavailable') {
        // The server could not load the board just now: try again later, politely.
        this.#drop();
        this.#scheduleRetry();
        return;
      }
    }
    this.#opts.onMessage(msg);
  }

  #closed(): void {
    this.#socket = null;
    this.#welcomed = false;
    if (this.#welcomeTimer !== null) this.#timers.clearTimeout(this.#welcomeTimer);
    this.#welcomeTimer = null;
    if (this.#stopped) return;
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#retryTimer !== null) return;
    this.#setStatus(this.#network.online() ? this.#tryingStatus(true) : 'offline');
    const delay = retryDelay(this.#failedAttempts, this.#random);
    this.#failedAttempts += 1;
    this.#retryTimer = this.#timers.setTimeout(() => this.#attempt(), delay);
  }

  #networkChanged(): void {
    if (this.#stopped) return;
    if (!this.#network.online()) {
      // The socket is as good as dead (it may take minutes for TCP to notice). Drop it now so
      // the screen says "offline" and edits queue in the outbox; resume when the network is back.
      this.#drop();
      this.#clearTimers();
      this.#setStatus('offline');
      return;
    }
    // Back online (or back in the foreground): if not connected, try now instead of waiting.
    if (!this.#socket) {
      if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#failedAttempts = 0;
      this.#attempt();
    }
  }

  /**
   * What an attempt that is due or under way is called. Once the server has welcomed us, it is
   * reconnecting; so is a retry when the board is already on screen from what the device kept
   * (so the screen says it is not live), while the page's first try is just connecting.
   */
  #tryingStatus(retry: boolean): ConnectionStatus {
    return this.#everWelcomed || (retry && this.#opts.lastSeq() !== null) ? 'reconnecting' : 'connecting';
  }

  /** Forgets the current socket without scheduling anything. */
  #drop(): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#welcomed = false;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(1000, 'bye');
      } catch {
        // already closed
      }
    }
  }

  #clearTimers(): void {
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    if (this.#welcomeTimer !== null) this.#timers.clearTimeout(this.#welcomeTimer);
    this.#retryTimer = null;
    this.#welcomeTimer = null;
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status && status !== 'failed') return;
    this.#status = status;
    this.#opts.onStatus(status, this.#failure);
  }
}
